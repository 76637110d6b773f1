namespace DynLang.Distributed;

/// <summary>What the spike exchange of one rank cost so far: for the time share of communication in benchmarks.</summary>
/// <param name="Exchanges">Intervals exchanged (one Allgather of counts and one Allgatherv of indices each).</param>
/// <param name="Seconds">Wall time inside the two collectives, waiting for slower ranks included.</param>
/// <param name="BytesSent">Bytes this rank contributed (counts and indices).</param>
/// <param name="BytesReceived">Bytes it received from all ranks (its own included), as an Allgatherv delivers them.</param>
/// <param name="SpikesReceived">Spikes of all ranks received.</param>
public readonly record struct ExchangeStatistics(long Exchanges, double Seconds, long BytesSent, long BytesReceived, long SpikesReceived);
