using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>
/// How the elements of one population are spread over the ranks: <b>contiguous blocks</b>, rank r
/// holding elements [<see cref="Start"/>(r), <see cref="End"/>(r)), the first <c>Count % Ranks</c>
/// ranks one element more than the others. Rank order is element order, so the spikes of all
/// ranks concatenated in rank order are ascending (Brian2's order) without a sort.
/// </summary>
/// <remarks>
/// NEST deals neurons round-robin to balance neurons of different kinds; DynLang uses blocks so
/// that a rank's elements are one span of the population's arrays and its local index is the
/// global one minus <see cref="Start"/>(rank). A population whose kinds are sorted (CUBA: 3200
/// excitatory, then 800 inhibitory) puts more inhibitory neurons on the last rank: the cost per
/// neuron is the same for both kinds there, so the load stays balanced (docs/distributed.md).
/// </remarks>
public sealed class Partition : IEquatable<Partition>
{
    /// <summary>Blocks of <paramref name="count"/> elements over <paramref name="ranks"/> ranks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The count is not positive, the rank count is not positive, or there are more ranks than
    /// elements (a rank would hold none: run with fewer ranks).
    /// </exception>
    public Partition(int count, int ranks, string name = "population")
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        if (count <= 0)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Partition of '{name}': the population has {count} elements; it needs at least one.");
        if (ranks <= 0)
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, $"Partition of '{name}': {ranks} ranks; at least one is needed.");
        if (ranks > count)
            throw new ArgumentOutOfRangeException(nameof(ranks), ranks, string.Create(CultureInfo.InvariantCulture,
                $"Partition of '{name}': {ranks} ranks for {count} elements; every rank must hold at least one element, so run with at most {count} ranks."));
        Count = count;
        Ranks = ranks;
    }

    /// <summary>The population's name, for messages.</summary>
    public string Name { get; }

    /// <summary>Elements of the whole population.</summary>
    public int Count { get; }

    /// <summary>Number of ranks.</summary>
    public int Ranks { get; }

    /// <summary>First element of <paramref name="rank"/>'s block.</summary>
    public int Start(int rank)
    {
        CheckRank(rank);
        int size = Count / Ranks, extra = Count % Ranks;
        return rank * size + Math.Min(rank, extra);
    }

    /// <summary>One past the last element of <paramref name="rank"/>'s block.</summary>
    public int End(int rank) => rank + 1 == Ranks ? Count : Start(rank + 1);

    /// <summary>Number of elements <paramref name="rank"/> holds.</summary>
    public int LocalCount(int rank) => End(rank) - Start(rank);

    /// <summary>The rank holding element <paramref name="element"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The element is outside [0, Count).</exception>
    public int RankOf(int element)
    {
        if ((uint)element >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(element), element, $"Partition of '{Name}': element {element} is outside [0, {Count}).");
        int size = Count / Ranks, extra = Count % Ranks;
        int big = extra * (size + 1);
        return element < big ? element / (size + 1) : extra + (element - big) / size;
    }

    private void CheckRank(int rank)
    {
        if ((uint)rank >= (uint)Ranks)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"Partition of '{Name}': rank {rank} is outside [0, {Ranks}).");
    }

    /// <inheritdoc/>
    public bool Equals(Partition? other) => other is not null && other.Count == Count && other.Ranks == Ranks;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Partition);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Count, Ranks);

    /// <summary>"4000 elements over 2 ranks: [0, 2000) [2000, 4000)".</summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder(string.Create(CultureInfo.InvariantCulture, $"{Count} elements of '{Name}' over {Ranks} ranks:"));
        for (int r = 0; r < Ranks && r < 8; r++) text.Append(CultureInfo.InvariantCulture, $" [{Start(r)}, {End(r)})");
        if (Ranks > 8) text.Append(" …");
        return text.ToString();
    }
}
