using DynLang.Runtime;

namespace DynLang.Models.Tests.Infrastructure;

/// <summary>
/// The data files of the Brian2 network references (tests/reference/&lt;case&gt;/data): initial states
/// saved as init_&lt;variable&gt;.npy (raw SI values) and synapses as &lt;name&gt;_i.npy / &lt;name&gt;_j.npy
/// index arrays (indices into the whole population).
/// </summary>
internal static class ReferenceNetwork
{
    /// <summary>Copies init_<paramref name="variable"/>.npy of <paramref name="referenceCase"/> into <paramref name="destination"/>.</summary>
    public static void LoadState(string referenceCase, string variable, Span<double> destination) =>
        Npy.ReadDoubles(RepoPaths.Reference(referenceCase, "data", $"init_{variable}.npy"), destination.Length).CopyTo(destination);

    /// <summary>The synapses <paramref name="name"/> of <paramref name="referenceCase"/> within a population of <paramref name="count"/>.</summary>
    public static Connectivity LoadSynapses(string referenceCase, string name, int count) =>
        Connectivity.FromIndices(Npy.ReadInt32(RepoPaths.Reference(referenceCase, "data", $"{name}_i.npy")),
            Npy.ReadInt32(RepoPaths.Reference(referenceCase, "data", $"{name}_j.npy")), count, count, name);
}
