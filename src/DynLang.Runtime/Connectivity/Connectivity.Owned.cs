namespace DynLang.Runtime;

// A factory for callers in this assembly and its friends (DynLang.Distributed) that build index
// arrays already known to be valid: FromIndices copies and checks every index, which for a rank
// holding tens of millions of synapses doubles the peak memory of the build for nothing.
public sealed partial class Connectivity
{
    /// <summary>
    /// Takes ownership of <paramref name="pre"/> and <paramref name="post"/> (not copied, not
    /// checked): the caller guarantees equal lengths, every pre index in [0, preCount) and every
    /// post index in [0, postCount), and never writes the arrays afterwards.
    /// </summary>
    internal static Connectivity FromOwnedArrays(int[] pre, int[] post, int preCount, int postCount, string name)
    {
        System.Diagnostics.Debug.Assert(pre.Length == post.Length, "pre and post must have one entry per synapse");
        return new Connectivity(pre, post, preCount, postCount, name);
    }
}
