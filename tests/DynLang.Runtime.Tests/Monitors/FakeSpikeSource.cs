using System.Numerics;
using DynLang.Runtime;

namespace DynLang.Runtime.Tests.Monitors;

/// <summary>
/// A spike source that replays a fixed pattern: in the threshold phase of step s it spikes
/// <c>pattern[s % pattern.Length]</c> (ascending indices), and it has none from the start of the
/// next step until then, as a neuron group's spike list behaves. Allocates nothing per step.
/// </summary>
internal sealed class FakeSpikeSource : ISpikeSource, INetworkObject
{
    private readonly int[][] _pattern;
    private int[] _current = Array.Empty<int>();

    public FakeSpikeSource(int count, params int[][] pattern)
    {
        Count = count;
        _pattern = pattern;
    }

    public int Count { get; }

    public ReadOnlySpan<int> SpikesThisStep => _current;

    public string Name => "fake source";

    /// <summary>The spikes the pattern gives step <paramref name="step"/>.</summary>
    public int[] SpikesAt(long step) => _pattern[step % _pattern.Length];

    public void Prepare(double dt)
    {
    }

    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase == NetworkPhase.Start) _current = Array.Empty<int>();
        else if (phase == NetworkPhase.Thresholds) _current = SpikesAt(clock.Step);
    }
}

/// <summary>
/// A "population" whose variable counts steps: in the groups phase of every step each element
/// adds 1, so at the start of step s element i holds <c>100 i + s</c> (before that step's update).
/// </summary>
internal sealed class CountingPopulation<T> : INetworkObject where T : unmanaged, INumber<T>
{
    public CountingPopulation(int count)
    {
        v = new T[count];
        for (int i = 0; i < count; i++) v[i] = From(100.0 * i);
    }

    public T[] v { get; private set; }

    public string Name => "counting population";

    /// <summary>The value element <paramref name="i"/> has at the start of step <paramref name="step"/>.</summary>
    public static T ValueAt(int i, long step) => From(100.0 * i + step);

    /// <summary>Replaces the variable with one of another length (to test the monitor's check).</summary>
    public void Resize(int count) => v = new T[count];

    public void Prepare(double dt)
    {
    }

    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.Groups) return;
        for (int i = 0; i < v.Length; i++) v[i] += T.One;
    }

    public static double ToDouble(T x) => double.CreateChecked(x);

    private static T From(double x) => T.CreateChecked(x);
}

/// <summary>Steps objects through the phases by hand, as the network does, without allocating.</summary>
internal static class PhaseDriver
{
    private static readonly NetworkPhase[] Phases = Enum.GetValues<NetworkPhase>();

    /// <summary>Runs steps <paramref name="from"/> … <paramref name="from"/> + <paramref name="steps"/> - 1, objects in the given order.</summary>
    public static void Run(INetworkObject[] objects, long from, int steps, double dt)
    {
        for (long s = from; s < from + steps; s++)
        {
            var clock = new NetworkClock(s, s * dt, dt);
            foreach (NetworkPhase phase in Phases)
                foreach (INetworkObject o in objects) o.Run(phase, clock);
        }
    }

    /// <summary>Prepares every object, then runs the steps.</summary>
    public static void PrepareAndRun(INetworkObject[] objects, long from, int steps, double dt)
    {
        foreach (INetworkObject o in objects) o.Prepare(dt);
        Run(objects, from, steps, dt);
    }
}
