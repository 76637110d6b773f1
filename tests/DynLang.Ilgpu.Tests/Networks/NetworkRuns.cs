using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Networks;

/// <summary>What two runs of one network on two backends are compared by.</summary>
internal static class NetworkRuns
{
    /// <summary>The first spike (in monitor order: step, then index) where two recordings differ, or -1.</summary>
    public static int FirstDifference(SpikeMonitor a, SpikeMonitor b)
    {
        ReadOnlySpan<int> ia = a.Indices, ib = b.Indices;
        ReadOnlySpan<long> sa = a.Steps, sb = b.Steps;
        int n = Math.Min(ia.Length, ib.Length);
        for (int k = 0; k < n; k++)
            if (ia[k] != ib[k] || sa[k] != sb[k]) return k;
        return ia.Length == ib.Length ? -1 : n;
    }

    /// <summary>"neuron 12 at step 340" or "none".</summary>
    public static string Describe(SpikeMonitor m, int k) =>
        k < m.Count ? $"neuron {m.Indices[k]} at step {m.Steps[k]}" : "none (the run has fewer spikes)";

    /// <summary>Asserts equal spike trains, naming the first difference.</summary>
    public static void SameSpikes(SpikeMonitor cpu, SpikeMonitor device)
    {
        int first = FirstDifference(cpu, device);
        Assert.True(first == -1, first < 0 ? "" :
            $"first difference at spike {first}: CPU {Describe(cpu, first)}, ILGPU {Describe(device, first)} ({cpu.Count} and {device.Count} spikes)");
    }
}
