using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>
/// A deliberately naive transcription of Brian2's CSpikeQueue (brian2/synapses/spikequeue.h):
/// lists instead of buffers, synapses per source found by scanning the synapse list (not the
/// CSR under test), and Brian2's own step order advance() → push() → peek(). The tests compare
/// <see cref="SpikeQueue"/> with it step by step.
/// </summary>
internal sealed class BrianSpikeQueueModel
{
    private readonly List<int>[] _queue;
    private readonly List<int>[] _synapses;
    private readonly int[] _delays;
    private int _offset;

    public BrianSpikeQueueModel(int[] sources, int sourceCount, int[] delaySteps)
    {
        _delays = delaySteps;
        // Brian2's prepare(): synapses[sources[i]].push_back(i) for i ascending.
        _synapses = Enumerable.Range(0, sourceCount).Select(_ => new List<int>()).ToArray();
        for (int s = 0; s < sources.Length; s++)
            _synapses[sources[s]].Add(s);
        int size = delaySteps.Length == 0 ? 1 : delaySteps.Max() + 1;
        _queue = Enumerable.Range(0, size).Select(_ => new List<int>()).ToArray();
    }

    /// <summary>One step of Brian2's synapses phase: advance, push, and the ids peek() returns.</summary>
    public int[] Step(IEnumerable<int> spikes)
    {
        _queue[_offset].Clear();
        _offset = (_offset + 1) % _queue.Length;
        foreach (int spike in spikes)
            foreach (int synapse in _synapses[spike])
                _queue[(_offset + _delays[synapse]) % _queue.Length].Add(synapse);
        return _queue[_offset].ToArray();
    }
}
