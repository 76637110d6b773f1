using DynLang.Distributed;
using DynLang.Runtime;

namespace DynLang.Distributed.Tests.Connectivity;

/// <summary>Runs ranks as threads and checks a rank's share against the single-process connectivity.</summary>
internal static class Shares
{
    /// <summary>Every rank's result of <paramref name="build"/>, by rank (ranks are threads of this process).</summary>
    public static T[] OnRanks<T>(int size, Func<ICommunicator, T> build)
    {
        var results = new T[size];
        InProcessCommunicator.Run(size, comm => results[comm.Rank] = build(comm));
        return results;
    }

    /// <summary>
    /// The invariant of <see cref="RankConnectivity"/>: the share holds exactly the global synapses
    /// whose post lies in the rank's block, in global order, with their global ids.
    /// </summary>
    public static void AssertShareOf(Runtime.Connectivity global, RankConnectivity share)
    {
        var partition = share.PostPartition;
        int start = partition.Start(share.Rank), end = partition.End(share.Rank);
        var expectedIds = new List<long>();
        for (int s = 0; s < global.Count; s++)
            if (global.PostIndex[s] >= start && global.PostIndex[s] < end) expectedIds.Add(s);

        Assert.Equal(global.Count, share.GlobalCount);
        Assert.Equal(global.PreCount, share.Local.PreCount);
        Assert.Equal(end - start, share.Local.PostCount);
        Assert.Equal(start, share.PostStart);
        Assert.Equal(expectedIds, share.GlobalSynapseIds.ToArray());
        for (int k = 0; k < share.Count; k++)
        {
            int id = (int)share.GlobalSynapseId(k);
            Assert.Equal(global.PreIndex[id], share.Local.PreIndex[k]);
            Assert.Equal(global.PostIndex[id], share.Local.PostIndex[k] + start);
        }
    }

    /// <summary>Every rank's share is its part of the global connectivity, and together they hold every synapse once.</summary>
    public static void AssertSharesOf(Runtime.Connectivity global, RankConnectivity[] shares)
    {
        foreach (var share in shares) AssertShareOf(global, share);
        Assert.Equal(global.Count, shares.Sum(s => (long)s.Count));
        var all = shares.SelectMany(s => s.GlobalSynapseIds.ToArray()).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, global.Count).Select(i => (long)i), all);
    }
}

/// <summary>A folder under the system's temporary folder, deleted with the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dynlang-dist-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Finds the repository (the folder of DynLang.sln) for tests/reference data.</summary>
internal static class RepoPaths
{
    public static string Reference(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DynLang.sln")))
                return Path.Combine(new[] { dir.FullName, "tests", "reference" }.Concat(parts).ToArray());
        throw new InvalidOperationException($"DynLang.sln was not found above {AppContext.BaseDirectory}; these tests read tests/reference/.");
    }
}
