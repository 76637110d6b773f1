using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// A rough estimate of what one element of a per-element kernel costs, in nanoseconds on one
/// core, so that the runtime splits a population over the worker pool when its step is worth
/// it (4,000 Hodgkin–Huxley neurons: yes; 4,000 LIF neurons: no) and not by size alone.
/// </summary>
/// <remarks>
/// The weights are orders of magnitude measured on the benchmark machine (benchmarks/RESULTS.md,
/// section 8: CUBA's LIF step 0.55–1.0 ns per element, estimated 1.5; COBAHH's HH step 120–190 ns,
/// estimated ~250 in platform mode), not a cycle model: arithmetic runs on SIMD vectors (a fraction of a nanosecond
/// per element), every state array is read and written once (memory traffic), and transcendental
/// functions of the platform math mode run lane by lane through the C library (several to tens of
/// nanoseconds each), those of the fast mode on whole vectors (one to a few nanoseconds). Only the order of magnitude matters: it is compared with the pool's
/// threshold (<c>WorkerPool.ParallelThresholdNanoseconds</c>) after multiplying by the element count.
/// </remarks>
public static class KernelCost
{
    /// <summary>Fixed cost per element: loop, refractory and threshold bookkeeping.</summary>
    public const double PerElement = 0.2;

    /// <summary>Reading and writing one state or input array (16 bytes of memory traffic).</summary>
    public const double PerArray = 0.25;

    /// <summary>One add, multiply, compare or select on a SIMD lane.</summary>
    public const double PerOperation = 0.05;

    /// <summary>A division or square root (long latency, partly pipelined).</summary>
    public const double PerDivision = 0.5;

    /// <summary>exp, log, sin, … through the platform's scalar function, one lane at a time.</summary>
    public const double PerTranscendental = 10;

    /// <summary>pow and exprel (an exp and a log each, plus special cases).</summary>
    public const double PerCompoundFunction = 20;

    /// <summary>exp, log, sin, … of the fast math mode: whole vectors, polynomial (FastMath).</summary>
    public const double PerFastTranscendental = 1.5;

    /// <summary>pow and exprel of the fast math mode (an integer power is a few multiplications, counted as one such call).</summary>
    public const double PerFastCompoundFunction = 3;

    /// <summary>A Gaussian draw of a noisy model (counter-based generator and Box–Muller).</summary>
    public const double PerNormal = 15;

    /// <summary>The estimate for one element of <paramref name="program"/>, in nanoseconds.</summary>
    public static double Of(ElementwiseProgram program, MathMode mathMode = MathMode.Platform)
    {
        double cost = PerElement + PerArray * (program.StateLoads.Count + program.InputLoads.Count);
        IEnumerable<IrExpr> expressions = program.Body.Select(a => a.Value)
            .Concat(program.EventLocals.Select(a => a.Value))
            .Concat(program.Events.Select(e => e.Condition))
            .Concat(program.Events.SelectMany(e => e.Actions).Select(a => a.Value));
        foreach (var expr in expressions) cost += Of(expr, mathMode);
        return cost;
    }

    /// <summary>The estimate for one evaluation of <paramref name="expr"/> (IrWalker.Nodes: a loop, no recursion).</summary>
    public static double Of(IrExpr expr, MathMode mathMode = MathMode.Platform)
    {
        bool fast = mathMode == MathMode.Fast;
        double cost = 0;
        foreach (var node in IrWalker.Nodes(expr))
        {
            cost += node switch
            {
                IrUnary or IrSelect => PerOperation,
                IrBinary binary => binary.Op is IrBinaryOp.Divide or IrBinaryOp.Remainder ? PerDivision : PerOperation,
                IrCall call => call.Function switch
                {
                    IrFunction.Pow or IrFunction.Exprel => fast ? PerFastCompoundFunction : PerCompoundFunction,
                    IrFunction.Sqrt => PerDivision,
                    IrFunction.Abs or IrFunction.Floor or IrFunction.Ceiling or IrFunction.Min or IrFunction.Max => PerOperation,
                    _ => fast ? PerFastTranscendental : PerTranscendental,
                },
                IrNormal => PerNormal,
                _ => 0, // numbers, names, loads (their memory traffic is PerArray), sums (their body counts)
            };
        }

        return cost;
    }

    /// <summary>The estimate as a C# literal (one decimal: readable, and stable across runs).</summary>
    public static string Literal(double nanoseconds) =>
        System.Math.Round(nanoseconds, 1).ToString("0.0", CultureInfo.InvariantCulture);
}
