namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Marks generated methods that run a loop over elements, synapses or spikes every step.
/// </summary>
/// <remarks>
/// .NET first compiles a method with loops at tier 0 and relies on call counting (after a quiet
/// period of 100 ms without new tier-0 compilations) to recompile it optimised. In a process
/// pinned to one CPU that promotion was measured to lag for whole runs: CUBA's loop took 0.18–0.32 s
/// instead of 0.04–0.07 s. AggressiveOptimization compiles these methods fully optimised at their
/// first call instead (0.07–0.09 s there; benchmarks/RESULTS.md, section 4).
/// </remarks>
internal static class HotPath
{
    /// <summary>The attribute line written above a hot method.</summary>
    public const string Attribute = "[MethodImpl(MethodImplOptions.AggressiveOptimization)]";

    /// <summary>Writes <see cref="Attribute"/>.</summary>
    public static void Mark(CodeWriter writer) => writer.Line(Attribute);
}
