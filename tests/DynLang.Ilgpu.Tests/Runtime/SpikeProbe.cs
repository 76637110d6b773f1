using DynLang.Runtime;

namespace DynLang.Ilgpu.Tests.Runtime;

/// <summary>
/// A network object that, in the End phase of every step, checks that two sources gave the same
/// spikes (the CPU class and its device twin) and counts them, so a test fails at the first step
/// that differs and can assert that there was something to compare.
/// </summary>
internal sealed class SpikeProbe(ISpikeSource expected, ISpikeSource actual) : INetworkObject
{
    public string Name => "probe";

    public int Spikes { get; private set; }

    public int StepsWithSpikes { get; private set; }

    public void Prepare(double dt) { }

    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.End) return;
        int[] want = expected.SpikesThisStep.ToArray();
        int[] got = actual.SpikesThisStep.ToArray();
        Assert.True(want.SequenceEqual(got),
            $"step {clock.Step}: expected [{string.Join(", ", want)}] but got [{string.Join(", ", got)}]");
        Spikes += want.Length;
        if (want.Length > 0) StepsWithSpikes++;
    }
}

/// <summary>A sink keeping every step it receives, in the order received.</summary>
internal sealed class CollectingSink : ISpikeSink
{
    public List<(long Step, int[] Indices)> Steps { get; } = new();

    public void Receive(long step, ReadOnlySpan<int> indices) => Steps.Add((step, indices.ToArray()));

    /// <summary>The records flattened as a spike monitor holds them: (step, index), by step then index.</summary>
    public IEnumerable<(long Step, int Index)> Records => Steps.SelectMany(s => s.Indices.Select(i => (s.Step, i)));
}

/// <summary>
/// A CPU source run in lockstep beside its device twin in one network: the network refuses objects
/// of two backends (a user's network lives on one), so the comparison hides the CPU object's
/// backend behind this wrapper, which only forwards the phases.
/// </summary>
internal sealed class LockstepTwin(INetworkObject cpu) : INetworkObject
{
    public string Name => cpu.Name + " (CPU twin)";

    public void Prepare(double dt) => cpu.Prepare(dt);

    public void Run(NetworkPhase phase, NetworkClock clock) => cpu.Run(phase, clock);
}
