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

    /// <summary>One standard normal draw of stream <paramref name="normal"/>.Stream for element <c>__i</c>.</summary>
    public static string Draw(NumericType type, IrNormal normal) =>
        $"CounterRng.{(type.Precision == Precision.Float ? "NormalSingle" : "Normal")}(__seed, {normal.Stream}UL, __i, __stepIndex)";
}
