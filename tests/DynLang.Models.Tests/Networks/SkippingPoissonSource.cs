using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// Poisson spike trains with the statistics of <see cref="PoissonSource"/> (element i spikes in
/// step n with probability rate·dt, independently of everything else) at a cost per spike
/// instead of per element and step: the (step, element) pairs are laid out in one sequence,
/// n·Count + i, and the gap to the next spike is drawn directly — the number of failures before a
/// success in independent Bernoulli(p) trials is geometric, ⌊ln U / ln(1 − p)⌋ — which is
/// the same process as one draw per pair.
/// </summary>
/// <remarks>
/// Why not PoissonSource: 1000 inputs cost 1000 Philox draws a step, 10⁶ steps for 100 s of
/// biological time; the test run builds DynLang.Runtime without optimisation (Debug), where that
/// alone takes minutes. Here 100 s cost ~1.5·10⁶ draws. The trains are not PoissonSource's
/// (different draws), only the same process. Spikes are listed ascending within a step, as
/// <see cref="ISpikeSource"/> requires, because the sequence runs through each step's elements in order.
/// </remarks>
internal sealed class SkippingPoissonSource : ISpikeSource, INetworkObject
{
    private readonly double _rate;
    private readonly ulong _seed;
    private readonly int[] _spikes;
    private int _spikeCount;
    private double _logFailure;
    private long _next;      // position n·Count + i of the next spike
    private long _draws;     // counter of the counter-based generator

    public SkippingPoissonSource(string name, int count, double rate, ulong seed)
    {
        Name = name;
        Count = count;
        _rate = rate;
        _seed = seed;
        _spikes = new int[count];
    }

    public string Name { get; }

    public int Count { get; }

    public ReadOnlySpan<int> SpikesThisStep => new(_spikes, 0, _spikeCount);

    public void Prepare(double dt)
    {
        double p = _rate * dt;
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(dt), dt, $"rate·dt = {p} must be in (0, 1).");
        _logFailure = Math.Log(1 - p);
        _draws = 0;
        _next = Gap();
    }

    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        if (phase != NetworkPhase.Thresholds) return;
        long first = clock.Step * Count, end = first + Count;
        int n = 0;
        while (_next < end)
        {
            _spikes[n++] = (int)(_next - first);
            _next += 1 + Gap();
        }
        _spikeCount = n;
    }

    /// <summary>Failures before the next success: ⌊ln U / ln(1 − p)⌋ with U uniform on (0, 1).</summary>
    private long Gap() => (long)(Math.Log(CounterRng.Uniform(_seed, stream: 0, element: 0, step: _draws++)) / _logFailure);
}
