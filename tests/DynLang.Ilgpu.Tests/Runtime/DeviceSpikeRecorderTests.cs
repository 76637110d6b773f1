using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Runtime;

/// <summary>DeviceSpikeRecorder and the sources' spike sinks against the CPU SpikeMonitor.</summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class DeviceSpikeRecorderTests(CpuAcceleratorFixture fixture)
{
    private const int N = 40;
    private const double Dt = 1e-4;

    /// <summary>Records a device source's list into a recorder every step (End phase), and counts the sink's deliveries during the run.</summary>
    private sealed class RecordEveryStep(IDeviceSpikeSource source, DeviceSpikeRecorder recorder, CollectingSink sink) : INetworkObject
    {
        public string Name => "recording";

        public int DeliveredDuringRun { get; private set; }

        public void Prepare(double dt) { }

        public void Run(NetworkPhase phase, NetworkClock clock)
        {
            if (phase != NetworkPhase.End) return;
            recorder.Record(clock.Step, source.DeviceSpikes);
            DeliveredDuringRun = sink.Steps.Count;
        }
    }

    private static (long Step, int Index)[] MonitorRecords(SpikeMonitor monitor) =>
        Enumerable.Range(0, monitor.Count).Select(k => (monitor.Steps[k], monitor.Indices[k])).ToArray();

    private static void AssertEveryStepInOrder(CollectingSink sink, long first, long last)
    {
        Assert.Equal(Enumerable.Range(0, (int)(last - first + 1)).Select(k => first + k), sink.Steps.Select(s => s.Step));
        foreach (var (step, indices) in sink.Steps)
            Assert.True(indices.SequenceEqual(indices.Order()), $"step {step} is not ascending");
    }

    [Fact]
    public void A_tiny_buffer_drains_several_times_and_delivers_the_CPU_monitors_records()
    {
        var cpu = new PoissonSource("in", N, 2000, 9);
        var monitor = new SpikeMonitor(cpu, "spikes");
        using var device = new IlgpuPoissonSource(fixture.Accelerator, "in", N, 2000, 9);
        // 2.5 steps' worth of spikes: the host's bound forces a download every second step.
        using var recorder = new DeviceSpikeRecorder(fixture.Accelerator, N, "recorder", capacity: N * 5 / 2);
        var sink = new CollectingSink();
        recorder.AddSink(sink);
        Assert.True(recorder.HasSinks);
        var recording = new RecordEveryStep(device, recorder, sink);
        new Network(Dt).Add(new LockstepTwin(cpu), device, monitor, recording).Run(200 * Dt);
        Assert.True(recording.DeliveredDuringRun >= 190, $"only {recording.DeliveredDuringRun} steps delivered during the run");
        recorder.Drain();
        AssertEveryStepInOrder(sink, 0, 199);
        Assert.True(monitor.Count > 1000, $"only {monitor.Count} spikes");
        Assert.Equal(MonitorRecords(monitor), sink.Records.ToArray());
        recorder.Drain(); // nothing new: nothing delivered
        Assert.Equal(200, sink.Steps.Count);
    }

    [Fact]
    public void A_source_sink_gets_the_CPU_monitors_records_including_empty_steps()
    {
        var cpu = new PoissonSource("in", N, 50, 3); // sparse: many steps without spikes
        var monitor = new SpikeMonitor(cpu, "spikes");
        using var device = new IlgpuPoissonSource(fixture.Accelerator, "in", N, 50, 3);
        var sink = new CollectingSink();
        device.AttachSpikeSink(sink);
        var network = new Network(Dt).Add(new LockstepTwin(cpu), device, monitor);
        network.Run(300 * Dt);
        device.DrainSpikes();
        AssertEveryStepInOrder(sink, 0, 299);
        Assert.Contains(sink.Steps, s => s.Indices.Length == 0);
        Assert.True(monitor.Count > 20, $"only {monitor.Count} spikes");
        Assert.Equal(MonitorRecords(monitor), sink.Records.ToArray());
    }

    [Fact]
    public void A_generator_sink_gets_its_spikes()
    {
        int[] indices = { 2, 0, 1, 2 };
        double[] times = { 0.0, 0.0, 0.0003, 0.0003 };
        using var device = new IlgpuSpikeGeneratorSource(fixture.Accelerator, "gen", 3, indices, times);
        var sink = new CollectingSink();
        device.AttachSpikeSink(sink);
        new Network(Dt).Add(device).Run(5 * Dt);
        device.DrainSpikes();
        AssertEveryStepInOrder(sink, 0, 4);
        Assert.Equal(new[] { (0L, 0), (0L, 2), (3L, 1), (3L, 2) }, sink.Records.ToArray());
    }

    [Fact]
    public void A_sink_added_later_gets_only_the_steps_recorded_after_it()
    {
        using var list = new DeviceSpikeList(fixture.Accelerator, 4, "spikes");
        using var recorder = new DeviceSpikeRecorder(fixture.Accelerator, 4, "recorder");
        var early = new CollectingSink();
        var late = new CollectingSink();
        recorder.AddSink(early);
        list.Upload(new[] { 3, 1 });
        recorder.Record(0, list);
        recorder.Record(1, list);
        recorder.AddSink(late);
        list.Upload(new[] { 2 });
        recorder.Record(4, list);
        recorder.Drain();
        Assert.Equal(new long[] { 0, 1, 4 }, early.Steps.Select(s => s.Step));
        Assert.Equal(new long[] { 4 }, late.Steps.Select(s => s.Step));
        Assert.Equal(new[] { 1, 3 }, early.Steps[0].Indices);
        Assert.Equal(new[] { 2 }, late.Steps[0].Indices);
        Assert.Throws<InvalidOperationException>(() => recorder.Record(4, list));
    }

    [Fact]
    public void Clear_drops_the_undrained_steps_and_the_last_step()
    {
        using var list = new DeviceSpikeList(fixture.Accelerator, 4, "spikes");
        using var recorder = new DeviceSpikeRecorder(fixture.Accelerator, 4, "recorder");
        var sink = new CollectingSink();
        recorder.AddSink(sink);
        list.Upload(new[] { 0 });
        recorder.Record(10, list);
        recorder.Clear();
        recorder.Record(0, list); // an earlier step is fine after Clear
        recorder.Drain();
        Assert.Equal(new[] { (0L, 0) }, sink.Records.ToArray());
    }

    [Fact]
    public void Capacity_defaults_and_checks()
    {
        using (var r = new DeviceSpikeRecorder(fixture.Accelerator, 10, "r")) Assert.Equal(10 * DeviceSpikeRecorder.DefaultStepsPerDrain, r.Capacity);
        using (var r = new DeviceSpikeRecorder(fixture.Accelerator, 10, "r", 10)) Assert.Equal(10, r.Capacity);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceSpikeRecorder(fixture.Accelerator, 10, "r", 9));
        using var big = new DeviceSpikeList(fixture.Accelerator, 11, "big");
        using var recorder = new DeviceSpikeRecorder(fixture.Accelerator, 10, "r");
        Assert.Throws<ArgumentException>(() => recorder.Record(0, big));
    }

    [Fact]
    public void A_disposed_recorder_throws()
    {
        var recorder = new DeviceSpikeRecorder(fixture.Accelerator, 4, "r");
        recorder.Dispose();
        recorder.Dispose();
        using var list = new DeviceSpikeList(fixture.Accelerator, 4, "spikes");
        Assert.Throws<ObjectDisposedException>(() => recorder.Record(0, list));
        Assert.Throws<ObjectDisposedException>(() => recorder.Drain());
        Assert.Throws<ObjectDisposedException>(() => recorder.AddSink(new CollectingSink()));
    }
}
