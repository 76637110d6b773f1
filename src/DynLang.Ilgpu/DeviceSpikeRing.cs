using System;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// Delays on the device: the spike lists of the last <c>MaxDelaySteps + 1</c> steps of one source,
/// in a ring. A pathway with a delay of D steps delivers, in step n, the list pushed in step n − D.
/// Nothing goes through the host.
/// </summary>
public sealed class DeviceSpikeRing : IDisposable
{
    /// <summary>The step of a slot that holds nothing pushed (no network step is this small).</summary>
    private const long NotPushed = long.MinValue;

    private readonly DeviceSpikeList[] _slots;
    // Which step each slot holds, on the host: PushedAt answers "never pushed" without a device read.
    private readonly long[] _slotSteps;
    private readonly DeviceSpikeList _empty;
    private bool _disposed;

    /// <summary>A ring for a source of <paramref name="sourceCount"/> elements keeping <paramref name="maxDelaySteps"/> + 1 steps.</summary>
    /// <exception cref="ArgumentOutOfRangeException">maxDelaySteps is negative.</exception>
    /// <exception cref="InsufficientMemoryException">The accelerator cannot hold the ring (the message names the owner and the sizes).</exception>
    public DeviceSpikeRing(Accelerator accelerator, int sourceCount, int maxDelaySteps, string owner)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(owner);
        if (maxDelaySteps < 0 || maxDelaySteps == int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(maxDelaySteps), maxDelaySteps,
                $"{owner}: maxDelaySteps = {maxDelaySteps} must be in [0, {int.MaxValue - 1}].");
        if (sourceCount < 0)
            throw new ArgumentOutOfRangeException(nameof(sourceCount), sourceCount, $"{owner}: sourceCount = {sourceCount} must be ≥ 0.");
        // The whole ring (its slots and the empty list) at once, before any slot is allocated.
        long lists = (long)maxDelaySteps + 2;
        DeviceMemory.CheckTotal(accelerator, owner,
            ($"delay ring spike indices ({lists} lists)", lists * sourceCount, sizeof(int)),
            ($"delay ring spike counts ({lists} lists)", lists, sizeof(int)));
        MaxDelaySteps = maxDelaySteps;
        _slots = new DeviceSpikeList[maxDelaySteps + 1];
        _slotSteps = new long[maxDelaySteps + 1];
        Array.Fill(_slotSteps, NotPushed);
        try
        {
            for (int k = 0; k < _slots.Length; k++) _slots[k] = new DeviceSpikeList(accelerator, sourceCount, $"{owner} (delay ring slot {k})");
            _empty = new DeviceSpikeList(accelerator, sourceCount, $"{owner} (delay ring, empty list)");
        }
        catch
        {
            foreach (var slot in _slots) slot?.Dispose();
            throw;
        }
    }

    /// <summary>The longest delay held, in steps.</summary>
    public int MaxDelaySteps { get; }

    /// <summary>Queues a copy of step <paramref name="step"/>'s spikes into the ring (call once per step, steps in order).</summary>
    public void Push(long step, DeviceSpikeList spikes)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        int slot = Slot(step);
        _slots[slot].CopyFrom(spikes);
        _slotSteps[slot] = step;
    }

    /// <summary>The list pushed in step <paramref name="step"/> − <paramref name="stepsAgo"/> (empty when none was pushed then: before the first push, or after <see cref="Clear"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">stepsAgo is negative or above MaxDelaySteps.</exception>
    public DeviceSpikeList PushedAt(long step, int stepsAgo)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)stepsAgo > (uint)MaxDelaySteps)
            throw new ArgumentOutOfRangeException(nameof(stepsAgo), stepsAgo, $"stepsAgo = {stepsAgo} is outside [0, {MaxDelaySteps}].");
        long pushed = step - stepsAgo;
        int slot = Slot(pushed);
        return _slotSteps[slot] == pushed ? _slots[slot] : _empty;
    }

    /// <summary>Empties every slot (spikes in flight are dropped).</summary>
    public void Clear()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Array.Fill(_slotSteps, NotPushed);
        foreach (var slot in _slots) slot.Clear();
    }

    /// <summary>Frees the buffers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var slot in _slots) slot.Dispose();
        _empty.Dispose();
    }

    /// <summary>The slot of a step; a floored modulo, so steps before 0 also map into the ring.</summary>
    private int Slot(long step)
    {
        long m = step % _slots.Length;
        return (int)(m < 0 ? m + _slots.Length : m);
    }
}
