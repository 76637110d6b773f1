using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;

namespace DynLang.Runtime;

/// <summary>
/// A state became NaN or infinite: thrown by a generated class's finite-state guard
/// (<c>CheckFinite</c>) right after the step that produced it, naming the model, the state, the
/// element and the step, so a run stops at the first bad value instead of filling its monitors
/// with NaN.
/// </summary>
public sealed class NonFiniteStateException : ArithmeticException
{
    /// <summary>Creates the exception for one bad value.</summary>
    public NonFiniteStateException(string model, string variable, long element, long step, double time, double value)
        : base(string.Format(CultureInfo.InvariantCulture,
            "{0}: state {1} of element {2} is {3} after step {4} (t = {5:G6}). The run was stopped at the first non-finite state; " +
            "usual causes are a time step beyond the solver's stability bound (see the [StabilityBound] on Step and the build's DL0451), " +
            "a parameter or input set to NaN or infinity, or an equation that overflows (exp of a large argument). " +
            "Set CheckFinite = false (and Network.CheckFinite = false in a network) to run on anyway.",
            model, variable, element, Describe(value), step, time))
    {
        Model = model;
        Variable = variable;
        Element = element;
        Step = step;
        Time = time;
        Value = value;
    }

    /// <summary>The generated class, e.g. "AdExPopulation".</summary>
    public string Model { get; }

    /// <summary>The state, as the model names it.</summary>
    public string Variable { get; }

    /// <summary>The element (neuron, copy, matrix entry in row-major order, grid cell) that went bad first.</summary>
    public long Element { get; }

    /// <summary>The step count after the step that produced the value (the class's StepIndex).</summary>
    public long Step { get; }

    /// <summary>Time after that step.</summary>
    public double Time { get; }

    /// <summary>The value: NaN, +∞ or −∞.</summary>
    public double Value { get; }

    private static string Describe(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+infinity" : "-infinity";
}

/// <summary>
/// The finite-state guard of generated classes: one pass over a state array with SIMD, testing
/// x − x == 0 (false exactly for NaN and ±∞). Its cost is a read of the state arrays once per step;
/// benchmarks/RESULTS.md gives the measured share of a step.
/// </summary>
public static class FiniteGuard
{
    /// <summary>Arrays from this length are scanned by the worker pool (as the steps that fill them are).</summary>
    private const int ParallelFrom = 2 * Grain;

    private const int Grain = 16_384;

    /// <summary>
    /// Throws <see cref="NonFiniteStateException"/> at the first NaN or infinite value of a state array
    /// (double or float); arrays from <see cref="ParallelFrom"/> values are scanned on the worker pool.
    /// </summary>
    public static void Check<T>(T[] values, string model, string variable, long step, double time)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int first = values.Length >= ParallelFrom ? (ScanOf<T>.Instance ??= new Scan<T>()).Run(values) : FirstNonFinite<T>(values);
        if (first >= 0) throw new NonFiniteStateException(model, variable, first, step, time, double.CreateTruncating(values[first]));
    }

    /// <summary>One scan per calling thread and element type: no allocation per step.</summary>
    private static class ScanOf<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        [ThreadStatic] public static Scan<T>? Instance;
    }

    /// <summary>A scan over chunks on the worker pool that keeps the smallest bad index (one instance per calling thread: no allocation per step).</summary>
    private sealed class Scan<T> : IRangeKernel where T : unmanaged, IFloatingPointIeee754<T>
    {
        private T[] _values = [];
        private int _first;

        public int Run(T[] values)
        {
            _values = values;
            _first = int.MaxValue;
            WorkerPool.Current.Run(this, values.Length, Grain);
            _values = [];
            return _first == int.MaxValue ? -1 : _first;
        }

        public void Execute(int start, int end)
        {
            int found = FirstNonFinite<T>(new ReadOnlySpan<T>(_values, start, end - start));
            if (found < 0) return;
            int index = start + found;
            int seen;
            do
            {
                seen = Volatile.Read(ref _first);
                if (seen <= index) return;
            }
            while (Interlocked.CompareExchange(ref _first, index, seen) != seen);
        }
    }

    /// <summary>The index of the first NaN or infinite value, or −1.</summary>
    public static int FirstNonFinite<T>(ReadOnlySpan<T> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<T>.Count)
        {
            var vectors = MemoryMarshal.Cast<T, Vector<T>>(values);
            int k = 0;
            // Four vectors a test: x − x is 0 for finite x and NaN otherwise, so the sum of the four
            // differences is 0 exactly when all are finite (NaN and ∞ propagate through the adds).
            for (; k + 4 <= vectors.Length; k += 4)
            {
                var a = vectors[k];
                var b = vectors[k + 1];
                var c = vectors[k + 2];
                var d = vectors[k + 3];
                var sum = (a - a) + (b - b) + ((c - c) + (d - d));
                if (!Vector.EqualsAll(sum, Vector<T>.Zero)) return ScalarFirst(values, k * Vector<T>.Count);
            }
            for (; k < vectors.Length; k++)
            {
                var v = vectors[k];
                if (!Vector.EqualsAll(v - v, Vector<T>.Zero)) return ScalarFirst(values, k * Vector<T>.Count);
            }
            i = vectors.Length * Vector<T>.Count;
        }
        return ScalarFirst(values, i);
    }

    private static int ScalarFirst<T>(ReadOnlySpan<T> values, int start) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = start; i < values.Length; i++)
            if (!T.IsFinite(values[i])) return i;
        return -1;
    }
}
