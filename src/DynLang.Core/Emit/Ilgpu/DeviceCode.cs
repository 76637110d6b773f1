using System.Collections.Generic;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

/// <summary>
/// How IR is printed inside an ILGPU kernel, and the device-side helpers it calls. Kernels may call
/// only what ILGPU can compile for every accelerator (no exceptions, no allocation, no calls into
/// DynLang.Runtime, whose helpers are written for the CPU), so min/max, exprel and the noise
/// generator are emitted as private static methods of the generated class with exactly the CPU
/// runtime's formulas: on ILGPU's CPU accelerator they give the CPU backend's bits.
/// </summary>
internal static class DeviceCode
{
    /// <summary>
    /// A scalar printer for kernel code: the CPU printer's operator order, device-side helpers for
    /// calls and noise; <paramref name="element"/> is the index keying a draw (the CPU class's: the
    /// element <c>__i</c>, or the synapse <c>__s</c>).
    /// </summary>
    public static ScalarPrinter Printer(NumericType type, System.Func<IrRef, string> reference, System.Func<IrLoad, string>? load = null, string element = "__i")
    {
        var printer = new ScalarPrinter(type, reference, load);
        printer.CallOverride = (function, args) => function switch
        {
            IrFunction.Min => $"__Min({args[0]}, {args[1]})",
            IrFunction.Max => $"__Max({args[0]}, {args[1]})",
            IrFunction.Exprel => $"__Exprel({args[0]})",
            _ => null,
        };
        printer.NormalOverride = normal => type.Precision == Precision.Float
            ? $"(float)__Normal(__seed, {normal.Stream}U, {element}, __stepIndex)"
            : $"__Normal(__seed, {normal.Stream}U, {element}, __stepIndex)";
        return printer;
    }

    /// <summary>The helpers' source (each kernel class gets its own copy: no runtime assembly for the device).</summary>
    public static void EmitHelpers(CodeWriter w, NumericType t, bool withNoise)
    {
        string T = t.Name, M = t.Math, one = t.Literal(1.0), minusOne = t.Literal(-1.0);
        w.Line("// Device-side helpers: the formulas of DynLang.Runtime's ScalarMath (a < b ? a : b, exprel).");
        w.Line($"private static {T} __Min({T} a, {T} b) => a < b ? a : b;");
        w.Line($"private static {T} __Max({T} a, {T} b) => a > b ? a : b;");
        w.Line();
        w.Line("// exprel(x) = (e^x - 1)/x as Kahan's (u - 1)/ln(u), u = e^x (ScalarMath.Exprel, same branches).");
        using (w.Block($"private static {T} __Exprel({T} x)"))
        {
            w.Line($"{T} u = {M}.Exp(x);");
            w.Line($"if (u == {one}) return {T}.IsNaN(x) ? x : {one};");
            w.Line($"{T} um1 = u - {one};");
            w.Line($"if (um1 == {minusOne}) return {minusOne} / x;");
            w.Line($"return {T}.IsPositiveInfinity(u) ? u : um1 / {M}.Log(u);");
        }
        if (!withNoise) return;
        w.Line();
        w.Line("// The noise: CounterRng.Normal of DynLang.Runtime on the device. Philox4x32-10 keyed by");
        w.Line("// (element, stream, step low, step high; seed low, seed high), then Box-Muller on two 53-bit");
        w.Line("// uniforms in (0, 1): the same numbers as the CPU class for the same Seed. The host checks the");
        w.Line("// ranges the CPU function checks (element < 2^32 always holds for an int count).");
        using (w.Block("private static double __Normal(ulong seed, uint stream, long element, long step)"))
        {
            w.Line("ulong s = unchecked((ulong)step);");
            w.Line("uint c0 = (uint)element, c1 = stream, c2 = (uint)s, c3 = (uint)(s >> 32);");
            w.Line("uint k0 = (uint)seed, k1 = (uint)(seed >> 32);");
            using (w.Block("for (int r = 0; r < 10; r++)"))
            {
                w.Line("// Random123 bumps the key before every round but the first.");
                w.Line("if (r > 0) { k0 += 0x9E3779B9u; k1 += 0xBB67AE85u; }");
                w.Line("ulong p0 = (ulong)0xD2511F53u * c0;");
                w.Line("ulong p1 = (ulong)0xCD9E8D57u * c2;");
                w.Line("uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;");
                w.Line("uint n1 = (uint)p1;");
                w.Line("uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;");
                w.Line("uint n3 = (uint)p0;");
                w.Line("c0 = n0; c1 = n1; c2 = n2; c3 = n3;");
            }
            w.Line("double u1 = __ToUniform(c0, c1);");
            w.Line("double u2 = __ToUniform(c2, c3);");
            w.Line("return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);");
        }
        w.Line();
        using (w.Block("private static double __ToUniform(uint high, uint low)"))
        {
            w.Line("ulong m = ((ulong)high << 21) | (low >> 11);");
            w.Line("const double twoToMinus53 = 1.0 / (1L << 53);");
            w.Line("return m != 0 ? m * twoToMinus53 : 0.5 * twoToMinus53;");
        }
    }

    /// <summary>The first index of a grid-stride loop and its stride (all threads of the launch).</summary>
    public const string GridStart = "Grid.GlobalIndex.X";

    /// <summary>The stride of a grid-stride loop.</summary>
    public const string GridStride = "Grid.DimX * Group.DimX";

    /// <summary>Names in kernels are the .dyn names (C# keywords escaped), as in the CPU kernels.</summary>
    public static string Local(IrRef reference) => CSharpNames.Identifier(reference.Name);
}
