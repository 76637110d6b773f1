namespace DynLang.Ilgpu.Tests.Runtime;

/// <summary>DeviceSpikeList and DeviceSpikeRing on the CPU accelerator.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceSpikeListTests(CpuAcceleratorFixture fixture)
{
    private int[] Read(DeviceSpikeList list)
    {
        var buffer = new int[list.Capacity];
        return buffer[..list.ReadAscending(buffer)];
    }

    [Fact]
    public void Upload_copy_clear_and_read_ascending()
    {
        using var a = new DeviceSpikeList(fixture.Accelerator, 10, "a");
        using var b = new DeviceSpikeList(fixture.Accelerator, 10, "b");
        Assert.Empty(Read(a));
        a.Upload(new[] { 7, 2, 9, 0 });
        Assert.Equal(new[] { 0, 2, 7, 9 }, Read(a));
        b.Upload(new[] { 1, 3, 5, 6, 8 });
        b.CopyFrom(a);
        Assert.Equal(new[] { 0, 2, 7, 9 }, Read(b));
        a.Clear();
        Assert.Empty(Read(a));
        Assert.Equal(new[] { 0, 2, 7, 9 }, Read(b));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Upload(new[] { 10 }));
        Assert.Throws<ArgumentException>(() => a.Upload(new int[11]));
        Assert.Throws<ArgumentException>(() => a.ReadAscending(new int[9]));
    }

    [Fact]
    public void Ring_returns_the_list_pushed_that_many_steps_ago_and_empty_lists_before()
    {
        const int D = 3;
        using var ring = new DeviceSpikeRing(fixture.Accelerator, 10, D, "ring");
        using var list = new DeviceSpikeList(fixture.Accelerator, 10, "spikes");
        Assert.Equal(D, ring.MaxDelaySteps);
        int[] SpikesOf(long step) => new[] { (int)(step % 10), (int)((step * 3 + 1) % 10) }.Distinct().Order().ToArray();
        for (long step = 5; step < 15; step++)
        {
            list.Upload(SpikesOf(step));
            ring.Push(step, list);
            for (int ago = 0; ago <= D; ago++)
            {
                int[] expected = step - ago >= 5 ? SpikesOf(step - ago) : Array.Empty<int>();
                Assert.Equal(expected, Read(ring.PushedAt(step, ago)));
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.PushedAt(20, D + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ring.PushedAt(20, -1));
        ring.Clear();
        for (int ago = 0; ago <= D; ago++) Assert.Empty(Read(ring.PushedAt(14, ago)));
        // After a Clear, the next pushes fill the ring again.
        list.Upload(new[] { 4 });
        ring.Push(15, list);
        Assert.Equal(new[] { 4 }, Read(ring.PushedAt(15, 0)));
        Assert.Empty(Read(ring.PushedAt(16, 0)));
        Assert.Empty(Read(ring.PushedAt(16, 2))); // step 14: pushed before the Clear
        Assert.Equal(new[] { 4 }, Read(ring.PushedAt(16, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceSpikeRing(fixture.Accelerator, 10, -1, "ring"));
    }

    [Fact]
    public void A_ring_without_delay_holds_the_current_step()
    {
        using var ring = new DeviceSpikeRing(fixture.Accelerator, 4, 0, "ring");
        using var list = new DeviceSpikeList(fixture.Accelerator, 4, "spikes");
        list.Upload(new[] { 3, 1 });
        ring.Push(0, list);
        Assert.Equal(new[] { 1, 3 }, Read(ring.PushedAt(0, 0)));
        Assert.Empty(Read(ring.PushedAt(1, 0)));
    }

    [Fact]
    public void Buffers_the_accelerator_cannot_hold_fail_naming_owner_buffer_and_sizes()
    {
        var acc = fixture.Accelerator;
        // 2^31 lists of 2^31 − 1 entries, about 2^64 bytes: more than any accelerator reports
        // (the CPU accelerator's is huge, so smaller requests get allocated lazily, not refused);
        // refused before any slot is allocated.
        const int delay = int.MaxValue - 1;
        var e = Assert.Throws<InsufficientMemoryException>(() => new DeviceSpikeRing(acc, int.MaxValue, delay, "huge ring"));
        Assert.StartsWith("huge ring: the buffers need ", e.Message);
        Assert.Contains($"delay ring spike indices ({(long)delay + 2} lists): {((long)delay + 2) * int.MaxValue} × 4 B", e.Message);
        Assert.Contains($"has {acc.MemorySize} bytes of memory", e.Message);
    }

    [Fact]
    public void Disposed_lists_and_rings_throw()
    {
        var list = new DeviceSpikeList(fixture.Accelerator, 4, "l");
        list.Dispose();
        list.Dispose();
        Assert.Throws<ObjectDisposedException>(() => list.Clear());
        Assert.Throws<ObjectDisposedException>(() => list.Upload(new[] { 1 }));
        Assert.Throws<ObjectDisposedException>(() => list.Indices);
        Assert.Throws<ObjectDisposedException>(() => list.ReadAscending(new int[4]));
        var ring = new DeviceSpikeRing(fixture.Accelerator, 4, 2, "r");
        ring.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ring.PushedAt(0, 0));
        Assert.Throws<ObjectDisposedException>(() => ring.Clear());
    }
}
