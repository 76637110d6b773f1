using System.Runtime.CompilerServices;

// The per-rank connectivity of DynLang.Distributed must draw exactly the pairs Connectivity.Random
// draws (SplitMix64), hand its arrays to a Connectivity without a copy (Connectivity.FromOwnedArrays:
// a rank of a 1e6-neuron network holds tens of millions of synapses) and read index files in chunks
// (NpyChunkReader over NpyHeader): one implementation of each, not a copy that could drift.
[assembly: InternalsVisibleTo("DynLang.Distributed")]
