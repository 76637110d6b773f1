using DynLang.Runtime;

namespace DynLang.Models.Tests.Networks;

/// <summary>
/// A population of ≥ 32,768 neurons in a network is stepped in chunks of 16,384 on all cores;
/// its spike list must still be ascending and the same as if the neurons were stepped in one
/// piece. ChunkCell neurons are independent (each sees only its own input), so a 70,000-neuron
/// population (5 chunks, parallel) must spike exactly as five 14,000-neuron populations (one
/// chunk each, on the calling thread) made of the same neurons, step for step.
/// </summary>
public sealed class ParallelSpikeListTests
{
    private const double Dt = 1e-4;
    private const int Big = 70_000, Piece = 14_000, Pieces = Big / Piece;
    private const int RunSteps = 400;

    /// <summary>Input of neuron i: 1 to 3 mV in a scrambled order, so spikes fall in every chunk at once.</summary>
    private static double Input(int i) => 1e-3 + 2e-3 * ((i * 7919L) % 1000 + 1) / 1000.0;

    private sealed class Comparison
    {
        public int StepsCompared, TotalSpikes, StepsWithSpikesInFirstAndLastChunk;
        public List<string> Problems { get; } = new();
    }

    [Fact]
    public void Spike_lists_of_a_parallel_population_are_ascending_and_equal_the_one_chunk_runs()
    {
        var big = new ChunkCellPopulation(Big);
        var pieces = Enumerable.Range(0, Pieces).Select(_ => new ChunkCellPopulation(Piece)).ToArray();
        for (int i = 0; i < Big; i++)
        {
            big.I[i] = Input(i);
            pieces[i / Piece].I[i % Piece] = Input(i);
        }
        var result = new Comparison();
        var expected = new List<int>();
        var copied = new int[Big];
        var check = new PhaseAction("compare", NetworkPhase.End, clock =>
        {
            expected.Clear();
            for (int p = 0; p < Pieces; p++)
                foreach (int i in pieces[p].SpikesThisStep) expected.Add(p * Piece + i);
            var actual = big.SpikesThisStep;
            result.StepsCompared++;
            result.TotalSpikes += actual.Length;
            if (!actual.SequenceEqual(expected.ToArray()))
                result.Problems.Add($"step {clock.Step}: {actual.Length} spikes, one-chunk runs {expected.Count}");
            for (int k = 1; k < actual.Length; k++)
                if (actual[k] <= actual[k - 1]) result.Problems.Add($"step {clock.Step}: not ascending at position {k}");
            // The other views of the same step agree with the list.
            int n = big.CopySpikeIndices(copied);
            if (!copied.AsSpan(0, n).SequenceEqual(actual)) result.Problems.Add($"step {clock.Step}: CopySpikeIndices differs");
            var flags = big.Spikes;
            int set = 0;
            foreach (bool f in flags) if (f) set++;
            if (set != actual.Length) result.Problems.Add($"step {clock.Step}: {set} flags for {actual.Length} spikes");
            foreach (int i in actual) if (!flags[i]) result.Problems.Add($"step {clock.Step}: flag {i} not set");
            if (big.SpikeCount != actual.Length) result.Problems.Add($"step {clock.Step}: SpikeCount {big.SpikeCount}");
            if (actual.Length > 0 && actual[0] < 16_384 && actual[^1] >= 4 * 16_384) result.StepsWithSpikesInFirstAndLastChunk++;
        });
        var network = new Network(Dt).Add(big).Add(pieces).Add(check);
        network.Run(RunSteps * Dt);

        Assert.True(result.Problems.Count == 0, string.Join("\n", result.Problems.Take(20)));
        Assert.Equal(RunSteps, result.StepsCompared);
        // Not vacuous: many spikes, in steps where the first and the last chunk both spiked.
        Assert.True(result.TotalSpikes > 10_000, $"{result.TotalSpikes} spikes");
        Assert.True(result.StepsWithSpikesInFirstAndLastChunk > 10, $"{result.StepsWithSpikesInFirstAndLastChunk} steps");
        // And the states: same neurons, same bits, whichever chunk, thread or SIMD lane.
        for (int i = 0; i < Big; i++)
            Assert.True(big.v[i] == pieces[i / Piece].v[i % Piece], $"neuron {i}: v differs");
    }
}
