using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// What white noise adds to the class of an elementwise model: the per-instance <c>Seed</c>,
/// the locals the kernel keys its draws with, and the draw itself. A draw is
/// <c>CounterRng.Normal(seed, stream, element, step)</c> (DynLang.Runtime): a pure function of the
/// instance's seed, the noise symbol's index in the model, the element's index in the population
/// and the step index, so results do not depend on the thread count or the chunking. Models with
/// noise run the scalar loop only (<see cref="VectorPrinter.CanVectorize"/> is false for a draw).
/// </summary>
internal static class NoiseEmission
{
    /// <summary>The public <c>Seed</c> property (models with noise only).</summary>
    public static void EmitSeed(CodeWriter w, ElementwiseProgram program)
    {
        if (program.Noises.Count == 0) return;
        w.Line();
        string streams = string.Join(", ", program.Noises.Select((name, k) => $"{name}: stream {k}"));
        w.Doc("summary", "Seed of the white noise (" + streams + "). Each step draws one standard normal number per noise and element, " +
                         "a pure function of (Seed, stream, element index, StepIndex): the results are the same on every run and at any thread count, " +
                         "and two instances with the same Seed draw the same noise. Default 0; Reset() keeps it.");
        w.Line("public ulong Seed { get; set; }");
    }

    /// <summary>Locals of <c>StepRange</c> that key the draws (StepIndex is the step being computed: it advances after the kernel).</summary>
    public static void EmitRangeLocals(CodeWriter w, ElementwiseProgram program)
    {
        if (program.Noises.Count == 0) return;
        w.Line("ulong __seed = Seed;");
        w.Line("long __stepIndex = StepIndex;");
    }

    /// <summary>One standard normal draw of stream <paramref name="normal"/>.Stream for element <paramref name="element"/> (<c>__i</c> in elementwise kernels).</summary>
    public static string Draw(NumericType type, IrNormal normal, string element = "__i") =>
        $"CounterRng.{(type.Precision == Precision.Float ? "NormalSingle" : "Normal")}(__seed, {normal.Stream}UL, {element}, __stepIndex)";

    /// <summary>The public <c>Seed</c> property of an indexed model or a synapse class with noise.</summary>
    public static void EmitSeed(CodeWriter w, IReadOnlyList<string> noises, string element)
    {
        if (noises.Count == 0) return;
        w.Line();
        string streams = string.Join(", ", noises.Select((name, k) => $"{name}: stream {k}"));
        w.Doc("summary", "Seed of the white noise (" + streams + $"). Each step draws one standard normal number per noise and {element}, " +
                         $"a pure function of (Seed, stream, {element} index, StepIndex): the results are the same on every run and at any thread count, " +
                         "and two instances with the same Seed draw the same noise. Default 0; Reset() keeps it.");
        w.Line("public ulong Seed { get; set; }");
    }

    /// <summary>
    /// The flat index keying a draw of an indexed model: row-major over the noise's index sets
    /// (i*size(j) + j for <c>xi[i,j]</c>), in long arithmetic; 0 for a noise without indices.
    /// </summary>
    public static string FlatElement(IrNormal normal, System.Func<string, string> loopVariable, System.Func<string, string> sizeField)
    {
        var at = normal.At ?? System.Array.Empty<IrIndex>();
        if (at.Count == 0) return "0L";
        string text = $"(long){loopVariable(at[0].LoopVariable)}";
        for (int k = 1; k < at.Count; k++) text = $"({text}) * {sizeField(normal.AtSets![k])} + {loopVariable(at[k].LoopVariable)}";
        return text;
    }
}
