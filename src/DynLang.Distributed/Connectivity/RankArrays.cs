using System;
using System.Globalization;
using System.IO;
using DynLang.Runtime;

namespace DynLang.Distributed;

/// <summary>
/// A rank's part of per-neuron and per-synapse .npy files (initial states, weights, delays), read
/// without loading the whole array: only the rank's slice of a per-neuron file, and only the
/// regions of a per-synapse file that hold the rank's synapses.
/// </summary>
public static class RankArrays
{
    /// <summary>Entries read per chunk of a per-synapse file.</summary>
    private const int ChunkEntries = 1 << 20;

    /// <summary>
    /// The values of <paramref name="rank"/>'s neurons, elements [Start(rank), End(rank)) of a
    /// float64 (or float32, widened) file that must hold one value per neuron of the partition.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a float array, truncated, or not <see cref="Partition.Count"/> elements (the message names the file).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static double[] ReadDoubles(string npyPath, Partition partition, int rank)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return ReadDoublesSlice(npyPath, partition.Start(rank), partition.LocalCount(rank), partition.Count);
    }

    /// <summary>
    /// Elements [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of a
    /// float64 (or float32, widened) file; when <paramref name="expectedLength"/> is given, the file
    /// must hold exactly that many elements.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a float array, truncated, of another length than expected, or shorter than the slice.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> or <paramref name="count"/> is negative.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static double[] ReadDoublesSlice(string npyPath, long start, int count, long? expectedLength = null)
    {
        ArgumentNullException.ThrowIfNull(npyPath);
        if (start < 0) throw new ArgumentOutOfRangeException(nameof(start), start, $"{npyPath}: slice start {start} is negative.");
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, $"{npyPath}: slice length {count} is negative.");
        using var reader = NpyChunkReader.Open(npyPath);
        CheckLength(reader, expectedLength, "values");
        if (start + count > reader.Length)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{npyPath}: holds {reader.Length} elements; elements [{start}, {start + count}) were asked for."));
        var values = new double[count];
        reader.Seek(start);
        reader.DecodeDoubles(reader.ReadRaw(count), values);
        return values;
    }

    /// <summary>
    /// The values of <paramref name="connectivity"/>'s local synapses from a float64 (or float32)
    /// file of one value per synapse of the whole pathway in single-process order (what
    /// <see cref="Connectivity.FromIndices"/> of the pathway's index files indexes): entry
    /// <see cref="RankConnectivity.GlobalSynapseId"/>(s) for local synapse s. Only the regions of the
    /// file holding the rank's synapses are read, a chunk at a time.
    /// </summary>
    /// <exception cref="InvalidDataException">Not a float array, truncated, or not <see cref="RankConnectivity.GlobalCount"/> elements.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static double[] ReadSynapseValues(string npyPath, RankConnectivity connectivity) =>
        ReadSynapseValues(npyPath, connectivity, ChunkEntries);

    /// <summary><see cref="ReadSynapseValues(string, RankConnectivity)"/> with the chunk size as a parameter (tests cross chunk boundaries with small files).</summary>
    internal static double[] ReadSynapseValues(string npyPath, RankConnectivity connectivity, int chunkEntries)
    {
        ArgumentNullException.ThrowIfNull(npyPath);
        ArgumentNullException.ThrowIfNull(connectivity);
        if (connectivity.FirstGlobalIdOfRun is long first)
            return ReadDoublesSlice(npyPath, first, connectivity.Count, connectivity.GlobalCount);

        using var reader = NpyChunkReader.Open(npyPath);
        CheckLength(reader, connectivity.GlobalCount, $"per-synapse values of '{connectivity.Local.Name}'");
        ReadOnlySpan<long> ids = connectivity.GlobalSynapseIds;
        var values = new double[ids.Length];
        var chunk = new double[(int)Math.Min(chunkEntries, Math.Max(reader.Length, 1))];
        // Ids ascend: read the chunk starting at the next id wanted, take every id inside it, repeat.
        // Regions without local synapses are skipped, not read.
        for (int s = 0; s < ids.Length;)
        {
            long from = ids[s];
            if (reader.Position != from) reader.Seek(from);
            var raw = reader.ReadRaw(chunk.Length);
            int got = raw.Length / reader.Dtype.ItemSize;
            reader.DecodeDoubles(raw, chunk);
            for (; s < ids.Length && ids[s] < from + got; s++) values[s] = chunk[ids[s] - from];
        }
        return values;
    }

    private static void CheckLength(NpyChunkReader reader, long? expectedLength, string what)
    {
        if (expectedLength is long expected && reader.Length != expected)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{reader.Path}: holds {reader.Length} elements, expected {expected} {what}."));
    }
}
