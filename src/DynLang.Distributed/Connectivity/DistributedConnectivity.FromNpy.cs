using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DynLang.Runtime;

namespace DynLang.Distributed;

// Index files (Brian2's saved i and j arrays, say), read by every rank a chunk at a time: a rank
// keeps the pairs onto its own neurons, in file order, and never holds the whole arrays. Every rank
// reads every entry (a rank cannot know where its posts are in the file), so every rank checks every
// index and hashes every byte: ranks that read different copies of the files find out together.
public static partial class DistributedConnectivity
{
    /// <summary>Entries read per chunk: 1 Mi, 4 MiB of int32 per file.</summary>
    internal const int NpyChunkEntries = 1 << 20;

    /// <summary>
    /// This rank's share of <see cref="Connectivity.FromIndices"/>(Npy.ReadInt32(preIndexPath),
    /// Npy.ReadInt32(postIndexPath), preCount, post.Count, name, preOffset, postOffset): the pairs
    /// whose post lies in the rank's block, in file order; synapse id = position in the files.
    /// </summary>
    /// <remarks>
    /// The files are read in chunks of 2^20 entries, so memory is the rank's share plus a few MiB.
    /// Any integer dtype is accepted (int64 included) when its values fit in int32. Every rank
    /// checks every index and hashes the files' bytes (header included); the hashes are compared
    /// over <paramref name="communicator"/>, so a node whose copy of a file differs stops every rank
    /// with the same message. A rank that cannot read its files stops the others too
    /// (<see cref="RankFailedException"/> naming it and its error).
    /// </remarks>
    /// <param name="preIndexPath">.npy file of the presynaptic index of every synapse.</param>
    /// <param name="postIndexPath">.npy file of the postsynaptic index of every synapse, as long as the first.</param>
    /// <param name="preCount">Size of the source population.</param>
    /// <param name="post">The target population's split over the ranks.</param>
    /// <param name="communicator">The ranks; its size must be <paramref name="post"/>'s rank count.</param>
    /// <param name="name">Name used in error messages (default: the presynaptic file's name).</param>
    /// <param name="preOffset">Added to every pre index (Brian2 saves indices relative to a subgroup).</param>
    /// <param name="postOffset">Added to every post index, likewise.</param>
    /// <exception cref="InvalidDataException">
    /// On this rank: not .npy integer files, truncated, different lengths, or an index out of range
    /// (the message names the file, the position and the value). On every rank: the ranks' files
    /// differ (the message names the ranks, their files, lengths and hashes).
    /// </exception>
    /// <exception cref="FileNotFoundException">On this rank: a file is missing.</exception>
    /// <exception cref="RankFailedException">Another rank could not read its files.</exception>
    public static RankConnectivity FromNpy(string preIndexPath, string postIndexPath, int preCount, Partition post, ICommunicator communicator,
        string? name = null, int preOffset = 0, int postOffset = 0) =>
        FromNpy(preIndexPath, postIndexPath, preCount, post, communicator, name, preOffset, postOffset, NpyChunkEntries);

    /// <summary>The communicator overload, with the chunk size as a parameter (tests use small chunks to cross their boundaries).</summary>
    internal static RankConnectivity FromNpy(string preIndexPath, string postIndexPath, int preCount, Partition post, ICommunicator communicator,
        string? name, int preOffset, int postOffset, int chunkEntries)
    {
        ArgumentNullException.ThrowIfNull(communicator);
        ArgumentNullException.ThrowIfNull(preIndexPath);
        ArgumentNullException.ThrowIfNull(postIndexPath);
        name ??= Path.GetFileNameWithoutExtension(preIndexPath);
        CheckPreCount(preCount, name);
        CheckRank(post, communicator.Rank, communicator, name);
        var read = RankAgreement.Run(communicator, $"connectivity '{name}' from {preIndexPath} and {postIndexPath}",
            () => ReadPairs(preIndexPath, postIndexPath, preCount, post, communicator.Rank, name, preOffset, postOffset, chunkEntries));
        CheckSameFiles(communicator, name, "presynaptic", preIndexPath, read.Length, read.PreHash);
        CheckSameFiles(communicator, name, "postsynaptic", postIndexPath, read.Length, read.PostHash);
        return read.Connectivity;
    }

    /// <summary>
    /// One rank's share of the synapses of two index files, without a communicator: the same
    /// synapses as the communicator overload, but nothing checks that other ranks read the same files.
    /// </summary>
    /// <param name="preIndexPath">.npy file of the presynaptic index of every synapse.</param>
    /// <param name="postIndexPath">.npy file of the postsynaptic index of every synapse, as long as the first.</param>
    /// <param name="preCount">Size of the source population.</param>
    /// <param name="post">The target population's split over the ranks.</param>
    /// <param name="rank">The rank whose share to build.</param>
    /// <param name="name">Name used in error messages (default: the presynaptic file's name).</param>
    /// <param name="preOffset">Added to every pre index.</param>
    /// <param name="postOffset">Added to every post index.</param>
    /// <exception cref="InvalidDataException">Not .npy integer files, truncated, different lengths, or an index out of range.</exception>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    public static RankConnectivity FromNpy(string preIndexPath, string postIndexPath, int preCount, Partition post, int rank,
        string? name = null, int preOffset = 0, int postOffset = 0)
    {
        ArgumentNullException.ThrowIfNull(preIndexPath);
        ArgumentNullException.ThrowIfNull(postIndexPath);
        name ??= Path.GetFileNameWithoutExtension(preIndexPath);
        CheckPreCount(preCount, name);
        CheckRank(post, rank, null, name);
        return ReadPairs(preIndexPath, postIndexPath, preCount, post, rank, name, preOffset, postOffset, NpyChunkEntries).Connectivity;
    }

    private readonly record struct PairsRead(RankConnectivity Connectivity, long Length, long PreHash, long PostHash);

    private static PairsRead ReadPairs(string prePath, string postPath, int preCount, Partition post, int rank,
        string name, int preOffset, int postOffset, int chunkEntries)
    {
        using var preReader = NpyChunkReader.Open(prePath);
        using var postReader = NpyChunkReader.Open(postPath);
        long length = preReader.Length;
        if (postReader.Length != length)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"Connectivity '{name}': {prePath} holds {length} presynaptic indices but {postPath} holds {postReader.Length} postsynaptic indices; both must have one entry per synapse."));
        var preHash = new StableHash64();
        var postHash = new StableHash64();
        preHash.Append(preReader.HeaderBytes);
        postHash.Append(postReader.HeaderBytes);

        int start = post.Start(rank), end = post.End(rank);
        // A guess of the rank's share (its fraction of the posts) so the list rarely grows.
        var list = new LocalSynapseList(name, length / post.Ranks + 16, withIds: true);
        var preChunk = new int[(int)Math.Min(chunkEntries, Math.Max(length, 1))];
        var postChunk = new int[preChunk.Length];
        for (long at = 0; at < length; at += preChunk.Length)
        {
            ReadOnlySpan<byte> raw = preReader.ReadRaw(preChunk.Length);
            preHash.Append(raw);
            preReader.DecodeInt32(raw, preChunk, at);
            raw = postReader.ReadRaw(postChunk.Length);
            postHash.Append(raw);
            postReader.DecodeInt32(raw, postChunk, at);
            int count = raw.Length / postReader.Dtype.ItemSize;
            for (int k = 0; k < count; k++)
            {
                long i = (long)preChunk[k] + preOffset, j = (long)postChunk[k] + postOffset;
                if ((ulong)i >= (ulong)preCount) throw IndexOutOfRange(prePath, "presynaptic", at + k, preChunk[k], preOffset, preCount, name);
                if ((ulong)j >= (ulong)post.Count) throw IndexOutOfRange(postPath, "postsynaptic", at + k, postChunk[k], postOffset, post.Count, name);
                if (j >= start && j < end) list.Add((int)i, (int)j - start, at + k);
            }
        }
        var (pre, localPost, ids) = list.ToArrays();
        var local = Connectivity.FromOwnedArrays(pre, localPost, preCount, post.LocalCount(rank), name);
        return new PairsRead(new RankConnectivity(local, post, rank, ids, length), length, preHash.Value, postHash.Value);
    }

    private static InvalidDataException IndexOutOfRange(string path, string side, long position, int stored, int offset, int count, string name)
    {
        long value = (long)stored + offset;
        string given = offset == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({stored} + offset {offset})");
        return new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {side} index at position {position} is {value}{given}, outside [0, {count}) (connectivity '{name}')."));
    }

    /// <summary>
    /// Compares the hash of one file over the ranks; when any differs, every rank throws the same
    /// message, naming which ranks read which file.
    /// </summary>
    private static void CheckSameFiles(ICommunicator communicator, string name, string side, string path, long length, long hash)
    {
        long[] hashes = communicator.AllgatherLong(hash);
        if (hashes.All(h => h == hashes[0])) return;
        long[] lengths = communicator.AllgatherLong(length);
        string[] paths = RankAgreement.AllgatherStrings(communicator, path);
        var groups = new List<string>();
        foreach (var group in Enumerable.Range(0, hashes.Length).GroupBy(r => hashes[r]))
        {
            int[] ranks = group.ToArray();
            int first = ranks[0];
            string who = (ranks.Length == 1 ? "rank " : "ranks ") + string.Join(", ", ranks);
            string where = ranks.Select(r => paths[r]).Distinct().Count() == 1 ? paths[first] : string.Join(" / ", ranks.Select(r => paths[r]));
            groups.Add(string.Create(CultureInfo.InvariantCulture, $"{who} read {where} ({lengths[first]} entries, hash {(ulong)group.Key:x16})"));
        }
        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"Connectivity '{name}': the ranks read different {side} index files: {string.Join("; ", groups)}. Every rank must read the same content: copy the same files to every node, or read them from a shared file system."));
    }
}
