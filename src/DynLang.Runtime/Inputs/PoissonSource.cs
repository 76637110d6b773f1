using System;

namespace DynLang.Runtime;

/// <summary>
/// Independent Poisson spike trains, one per element, as Brian2's <c>PoissonGroup</c>: in the
/// threshold phase of step n, element i spikes iff
/// <c>CounterRng.Uniform(seed, stream, i, n) &lt; Rates[i]·dt</c> (Brian2's rule
/// <c>rand() &lt; rates*dt</c>, with counter-based draws so trains do not depend on thread count
/// or on which other objects draw random numbers).
/// </summary>
public sealed class PoissonSource : ISpikeSource, INetworkObject, IBackendObject
{
    /// <summary>The CPU: a network with this source runs on the CPU backend (<see cref="Backend.PoissonSource"/> gives the source of another backend).</summary>
    public Backend Backend => Backend.Cpu;

    private readonly double[] _rates;
    private readonly int[] _spikes;
    private int _spikeCount;
    private double _preparedDt = double.NaN;

    /// <summary>Creates <paramref name="count"/> trains, all at <paramref name="rate"/>.</summary>
    /// <param name="name">Name for messages.</param>
    /// <param name="count">Number of elements, ≥ 0.</param>
    /// <param name="rate">Initial rate of every element in Hz (spikes per second of network time), finite and ≥ 0.</param>
    /// <param name="seed">Seed of the draws (the Philox key).</param>
    /// <param name="stream">Stream of the draws, in [0, 2³²): give sources sharing a seed different streams.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count, rate or stream out of its range.</exception>
    public PoissonSource(string name, int count, double rate, ulong seed, ulong stream = 0)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count,
                FormattableString.Invariant($"PoissonSource '{name}': count = {count} must be ≥ 0."));
        if (!double.IsFinite(rate) || rate < 0)
            throw new ArgumentOutOfRangeException(nameof(rate), rate,
                FormattableString.Invariant($"PoissonSource '{name}': rate = {rate} Hz must be finite and ≥ 0."));
        if (stream >= CounterRng.StreamLimit)
            throw new ArgumentOutOfRangeException(nameof(stream), stream,
                FormattableString.Invariant($"PoissonSource '{name}': stream = {stream} is outside [0, {CounterRng.StreamLimit})."));
        Seed = seed;
        Stream = stream;
        _rates = new double[count];
        _rates.AsSpan().Fill(rate);
        _spikes = new int[count];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Count => _rates.Length;

    /// <summary>Seed of the draws.</summary>
    public ulong Seed { get; }

    /// <summary>Stream of the draws.</summary>
    public ulong Stream { get; }

    /// <summary>
    /// Rate of each element in Hz. Change between runs (they are validated at <see cref="Prepare"/>);
    /// a value changed mid-run is used from the next step but not validated.
    /// </summary>
    public Span<double> Rates => _rates;

    /// <inheritdoc/>
    public ReadOnlySpan<int> SpikesThisStep => new(_spikes, 0, _spikeCount);

    /// <summary>
    /// Checks dt and every rate: finite, ≥ 0, and rate·dt ≤ 1 — above that the spike
    /// probability per step would exceed 1 and the requested rate could not be produced.
    /// </summary>
    /// <param name="dt">The run's time step in seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException">dt or a rate out of range; the message names the element, value and bound.</exception>
    public void Prepare(double dt)
    {
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt,
                FormattableString.Invariant($"PoissonSource '{Name}': dt = {dt} s must be finite and > 0."));
        for (int i = 0; i < _rates.Length; i++)
        {
            double r = _rates[i];
            if (!double.IsFinite(r) || r < 0)
                throw new ArgumentOutOfRangeException(nameof(Rates), r,
                    FormattableString.Invariant($"PoissonSource '{Name}': Rates[{i}] = {r} Hz must be finite and ≥ 0."));
            if (r * dt > 1)
                throw new ArgumentOutOfRangeException(nameof(Rates), r, FormattableString.Invariant(
                    $"PoissonSource '{Name}': Rates[{i}] = {r} Hz gives a spike probability Rates[{i}]·dt = {r * dt} > 1 per step at dt = {dt} s; at most 1/dt = {1 / dt} Hz can be represented."));
        }
        _preparedDt = dt;
        _spikeCount = 0;
    }

    /// <summary>Decides this step's spikes in <see cref="NetworkPhase.Thresholds"/>; ignores other phases.</summary>
    /// <param name="phase">The phase being run.</param>
    /// <param name="clock">The step and its time step.</param>
    /// <exception cref="InvalidOperationException">The clock's dt is not the one passed to <see cref="Prepare"/>.</exception>
    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        switch (phase)
        {
            case NetworkPhase.Thresholds:
                if (clock.Dt != _preparedDt) ThrowNotPrepared(clock.Dt);
                DecideSpikes(clock.Step, clock.Dt);
                break;
            default:
                break;
        }
    }

    private void DecideSpikes(long step, double dt)
    {
        double[] rates = _rates;
        int[] spikes = _spikes;
        int n = 0;
        for (int i = 0; i < rates.Length; i++)
        {
            double p = rates[i] * dt;
            // Uniform > 0 always, so skipping the draw when p ≤ 0 changes no outcome.
            if (p > 0 && CounterRng.Uniform(Seed, Stream, i, step) < p) spikes[n++] = i;
        }
        _spikeCount = n;
    }

    private void ThrowNotPrepared(double dt) => throw new InvalidOperationException(FormattableString.Invariant(
        $"PoissonSource '{Name}': run with dt = {dt} s but prepared for dt = {_preparedDt} s; call Prepare(dt) before the run."));
}
