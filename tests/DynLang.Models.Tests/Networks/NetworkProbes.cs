using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Small network objects the network tests use to act at a chosen phase of chosen steps: drive an
/// input, change a parameter, throw. They record nothing themselves; monitors do.
/// </summary>
internal sealed class PhaseAction(string name, NetworkPhase phase, Action<NetworkClock> action) : INetworkObject
{
    /// <summary>Times <see cref="Prepare"/> was called (a network prepares its objects once per change of its object list).</summary>
    public int Prepared { get; private set; }

    public string Name => name;

    public void Prepare(double dt) => Prepared++;

    public void Run(NetworkPhase current, NetworkClock clock)
    {
        if (current == phase) action(clock);
    }
}

/// <summary>Steps as the network schedule numbers them: the time of step k is k·dt.</summary>
internal static class Steps
{
    /// <summary>Spike times for a SpikeGeneratorSource that emits at exactly these steps.</summary>
    public static double[] Times(double dt, params long[] steps) => steps.Select(k => k * dt).ToArray();
}

/// <summary>Keeps every progress report, synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<NetworkProgress>
{
    public List<NetworkProgress> Reports { get; } = new();

    public void Report(NetworkProgress value) => Reports.Add(value);
}
