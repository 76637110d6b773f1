using System;

namespace DynLang.Runtime;

/// <summary>
/// Replays given spikes, as Brian2's <c>SpikeGeneratorGroup</c>: spike k of element
/// <c>indices[k]</c> at <c>times[k]</c> is emitted in the threshold phase of step
/// int((times[k] + 1e-3·dt)/dt); with a period &gt; 0 the pattern repeats every period. Each
/// step's spikes are listed ascending by index (Brian2 lists them in time order within a step).
/// A run that starts at a later step skips the spikes before it, as Brian2 does.
/// </summary>
public sealed class SpikeGeneratorSource : ISpikeSource, INetworkObject, IBackendObject
{
    /// <summary>The CPU: a network with this source runs on the CPU backend (<see cref="Backend.SpikeGenerator"/> gives the source of another backend).</summary>
    public Backend Backend => Backend.Cpu;

    private readonly int[] _indices;
    private readonly double[] _times;
    private long[] _sortedBins = Array.Empty<long>();
    private int[] _sortedIndices = Array.Empty<int>();
    private long _periodBins;
    private double _preparedDt = double.NaN;
    private int _start, _end, _cursor;
    private long _expectedStep = -1;

    /// <summary>Stores the spikes (copied) after checking them; binning happens at <see cref="Prepare"/>.</summary>
    /// <param name="name">Name for messages.</param>
    /// <param name="count">Number of elements, ≥ 0.</param>
    /// <param name="indices">Element of each spike, in [0, <paramref name="count"/>).</param>
    /// <param name="times">Time of each spike in seconds, finite and ≥ 0, any order.</param>
    /// <param name="period">Repetition period in seconds; 0 (default) plays the spikes once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">Unequal lengths, or an index, time or period out of range; the message names the position, value and bound.</exception>
    public SpikeGeneratorSource(string name, int count, ReadOnlySpan<int> indices, ReadOnlySpan<double> times, double period = 0)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        if (count < 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, Invariant($"count = {count} must be ≥ 0."));
        if (indices.Length != times.Length)
            throw new ArgumentException(Invariant(
                $"indices has {indices.Length} entries but times has {times.Length}; they must be equally long."), nameof(times));
        for (int k = 0; k < indices.Length; k++)
        {
            if ((uint)indices[k] >= (uint)count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[k],
                    Invariant($"indices[{k}] = {indices[k]} is outside [0, {count})."));
            if (!double.IsFinite(times[k]))
                throw new ArgumentOutOfRangeException(nameof(times), times[k],
                    Invariant($"times[{k}] = {times[k]} s is not finite."));
            if (times[k] < 0)
                throw new ArgumentOutOfRangeException(nameof(times), times[k],
                    Invariant($"times[{k}] = {times[k]} s is negative; spike times must be ≥ 0."));
        }
        if (!double.IsFinite(period) || period < 0)
            throw new ArgumentOutOfRangeException(nameof(period), period,
                Invariant($"period = {period} s must be finite and ≥ 0 (0: no repetition)."));
        Count = count;
        Period = period;
        _indices = indices.ToArray();
        _times = times.ToArray();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>Repetition period in seconds (0: none).</summary>
    public double Period { get; }

    /// <inheritdoc/>
    public ReadOnlySpan<int> SpikesThisStep => new(_sortedIndices, _start, _end - _start);

    /// <summary>Every spike's element, sorted by step then index (replaced when Prepare bins for a new dt): what a device copy uploads once.</summary>
    internal int[] BinnedIndices => _sortedIndices;

    /// <summary>Where this step's spikes (<see cref="SpikesThisStep"/>) start in <see cref="BinnedIndices"/>.</summary>
    internal int SliceStart => _start;

    /// <summary>
    /// Bins the spikes for <paramref name="dt"/> (again only when dt changed) and checks what
    /// depends on dt: the period is ≥ dt and a multiple of it, every spike's step is below the
    /// period's, and no element spikes twice in one step.
    /// </summary>
    /// <param name="dt">The run's time step in seconds.</param>
    /// <exception cref="ArgumentException">A check failed; the message names the spike(s), values and bound.</exception>
    public void Prepare(double dt)
    {
        if (!(dt > 0) || !double.IsFinite(dt))
            throw new ArgumentOutOfRangeException(nameof(dt), dt, Invariant($"dt = {dt} s must be finite and > 0."));
        if (dt != _preparedDt)
        {
            string owner = $"SpikeGeneratorSource '{Name}'";
            long periodBins = SpikeTimeBinning.PeriodBins(owner, Period, dt);
            (_sortedBins, _sortedIndices) = SpikeTimeBinning.Sort(owner, _indices, _times, dt, periodBins);
            _periodBins = periodBins;
            _preparedDt = dt;
        }
        _start = _end = 0;
        _expectedStep = -1; // the next step seeks its spikes by binary search
    }

    /// <summary>Emits this step's spikes in <see cref="NetworkPhase.Thresholds"/>; ignores other phases.</summary>
    /// <param name="phase">The phase being run.</param>
    /// <param name="clock">The step and its time step.</param>
    /// <exception cref="InvalidOperationException">The clock's dt is not the one passed to <see cref="Prepare"/>.</exception>
    public void Run(NetworkPhase phase, NetworkClock clock)
    {
        switch (phase)
        {
            case NetworkPhase.Thresholds:
                if (clock.Dt != _preparedDt) ThrowNotPrepared(clock.Dt);
                EmitStep(clock.Step);
                break;
            default:
                break;
        }
    }

    private void EmitStep(long step)
    {
        if (step < 0) { _start = _end = 0; return; }
        long local = _periodBins > 0 ? step % _periodBins : step;
        // Consecutive steps continue from the cursor (it already sits at the first spike of a
        // later step); a jump (first step, another run's start) or a period wrap seeks.
        if (step != _expectedStep || local == 0) _cursor = SpikeTimeBinning.LowerBound(_sortedBins, local);
        int start = _cursor;
        long[] bins = _sortedBins;
        while (_cursor < bins.Length && bins[_cursor] == local) _cursor++;
        _start = start;
        _end = _cursor;
        _expectedStep = step + 1;
    }

    private string Invariant(FormattableString message) =>
        $"SpikeGeneratorSource '{Name}': " + FormattableString.Invariant(message);

    private void ThrowNotPrepared(double dt) => throw new InvalidOperationException(Invariant(
        $"run with dt = {dt} s but prepared for dt = {_preparedDt} s; call Prepare(dt) before the run."));
}
