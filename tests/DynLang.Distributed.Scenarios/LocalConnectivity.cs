using DynLang.Runtime;

namespace DynLang.Distributed.Scenarios;

/// <summary>
/// The synapses of a whole-network connectivity onto one rank's block, in their single-process order,
/// with local post indices and their global ids (small test networks: the whole list is at hand).
/// </summary>
public static class LocalConnectivity
{
    public static (Connectivity Local, long[] GlobalIds) OntoBlock(Connectivity global, Partition post, int rank)
    {
        int start = post.Start(rank), end = post.End(rank);
        var pre = new List<int>();
        var local = new List<int>();
        var ids = new List<long>();
        for (int k = 0; k < global.Count; k++)
        {
            int j = global.PostIndex[k];
            if (j < start || j >= end) continue;
            pre.Add(global.PreIndex[k]);
            local.Add(j - start);
            ids.Add(k);
        }
        return (Connectivity.FromIndices(pre.ToArray(), local.ToArray(), global.PreCount, end - start, global.Name + $" (rank {rank})"), ids.ToArray());
    }
}
