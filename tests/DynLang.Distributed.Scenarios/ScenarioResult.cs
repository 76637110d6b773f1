using System.Globalization;
using DynLang.Distributed;

namespace DynLang.Distributed.Scenarios;

/// <summary>
/// What a scenario produced, gathered over all ranks into whole-network order: every spike as
/// (step, global index) in recording order, and named per-neuron or per-synapse values by global
/// position. Equal results mean the distributed run was the single-process run.
/// </summary>
public sealed class ScenarioResult
{
    public List<(long Step, int Index)> Spikes { get; } = new();
    public SortedDictionary<string, double[]> Values { get; } = new(StringComparer.Ordinal);
    public ExchangeStatistics? Exchange { get; set; }
    public int ExchangeIntervalSteps { get; set; }

    /// <summary>Null when equal bit for bit, else the first difference in words.</summary>
    public string? FirstDifference(ScenarioResult other)
    {
        if (Spikes.Count != other.Spikes.Count)
            return string.Create(CultureInfo.InvariantCulture, $"{Spikes.Count} spikes against {other.Spikes.Count}");
        for (int k = 0; k < Spikes.Count; k++)
            if (Spikes[k] != other.Spikes[k])
                return string.Create(CultureInfo.InvariantCulture, $"spike {k}: (step {Spikes[k].Step}, neuron {Spikes[k].Index}) against (step {other.Spikes[k].Step}, neuron {other.Spikes[k].Index})");
        foreach (var (name, values) in Values)
        {
            if (!other.Values.TryGetValue(name, out var theirs)) return $"'{name}' missing in the other result";
            if (values.Length != theirs.Length) return $"'{name}': {values.Length} values against {theirs.Length}";
            for (int k = 0; k < values.Length; k++)
                if (BitConverter.DoubleToInt64Bits(values[k]) != BitConverter.DoubleToInt64Bits(theirs[k]))
                    return string.Create(CultureInfo.InvariantCulture, $"'{name}'[{k}]: {values[k]:R} against {theirs[k]:R}");
        }
        return Values.Count == other.Values.Count ? null : "different value sets";
    }
}
