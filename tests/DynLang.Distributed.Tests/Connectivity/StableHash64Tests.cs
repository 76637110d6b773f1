using DynLang.Distributed;

namespace DynLang.Distributed.Tests.Connectivity;

/// <summary>The file hash ranks compare: independent of chunking, sensitive to every byte and to the length.</summary>
public class StableHash64Tests
{
    private static long Hash(params byte[][] chunks)
    {
        var h = new StableHash64();
        foreach (var c in chunks) h.Append(c);
        return h.Value;
    }

    [Fact]
    public void Chunk_boundaries_do_not_change_the_hash()
    {
        byte[] data = Enumerable.Range(0, 100).Select(i => (byte)(i * 7)).ToArray();
        long whole = Hash(data);
        for (int cut = 0; cut <= data.Length; cut += 3)
            Assert.Equal(whole, Hash(data[..cut], data[cut..]));
        Assert.Equal(whole, Hash(data[..5], data[5..6], data[6..50], data[50..]));
    }

    [Fact]
    public void Every_byte_and_the_length_matter()
    {
        byte[] data = new byte[37];
        long zero = Hash(data);
        for (int k = 0; k < data.Length; k++)
        {
            byte[] changed = (byte[])data.Clone();
            changed[k] = 1;
            Assert.NotEqual(zero, Hash(changed));
        }
        Assert.NotEqual(zero, Hash(new byte[38]));
        Assert.NotEqual(Hash(), Hash(new byte[1]));
    }

    [Fact]
    public void The_hash_is_the_documented_one()
    {
        // The documented algorithm, computed independently (Python, from the remarks of StableHash64):
        // a change of the algorithm would make ranks running different builds disagree.
        Assert.Equal(unchecked((long)0xF048E89D980FA235UL), Hash("DynLang"u8.ToArray()));
    }
}
