using System;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// The kernels of the device runtime, loaded once per accelerator (ILGPU compiles each in about
/// 0.3 s) and each only when first used. All are grid-stride loops launched with
/// <see cref="Config"/>, so one launch covers any length on any accelerator.
/// </summary>
internal sealed class SpikeKernels
{
    private static readonly ConditionalWeakTable<Accelerator, SpikeKernels> Cache = new();

    private readonly Lazy<Action<KernelConfig, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>> _copyList;
    private readonly Lazy<Action<KernelConfig, ArrayView1D<int, Stride1D.Dense>, int, int, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>> _copySlice;
    private readonly Lazy<Action<KernelConfig, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, long, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<long, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>> _append;
    private readonly Lazy<Action<KernelConfig, ArrayView1D<double, Stride1D.Dense>, PoissonDraw, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>> _poisson;
    private readonly Lazy<Action<KernelConfig, ArrayView<double>, ArrayView1D<int, Stride1D.Dense>, ArrayView<double>>> _gatherDouble;
    private readonly Lazy<Action<KernelConfig, ArrayView<float>, ArrayView1D<int, Stride1D.Dense>, ArrayView<float>>> _gatherFloat;

    private SpikeKernels(Accelerator a)
    {
        Accelerator = a;
        _copyList = new(() => a.LoadStreamKernel<ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>(CopyListKernel));
        _copySlice = new(() => a.LoadStreamKernel<ArrayView1D<int, Stride1D.Dense>, int, int, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>(CopySliceKernel));
        _append = new(() => a.LoadStreamKernel<ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, long, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<long, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>(AppendKernel));
        _poisson = new(() => a.LoadStreamKernel<ArrayView1D<double, Stride1D.Dense>, PoissonDraw, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>>(PoissonKernel));
        _gatherDouble = new(() => a.LoadStreamKernel<ArrayView<double>, ArrayView1D<int, Stride1D.Dense>, ArrayView<double>>(GatherKernel));
        _gatherFloat = new(() => a.LoadStreamKernel<ArrayView<float>, ArrayView1D<int, Stride1D.Dense>, ArrayView<float>>(GatherKernel));
    }

    /// <summary>The accelerator the kernels were loaded for.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The kernels of <paramref name="accelerator"/>.</summary>
    public static SpikeKernels For(Accelerator accelerator) => Cache.GetValue(accelerator, a => new SpikeKernels(a));

    /// <summary>
    /// Launch shape for <paramref name="work"/> items: groups of a multiple of the warp size (at most
    /// 256 threads), no more groups than run at once (the same shape as the generated classes').
    /// </summary>
    public KernelConfig Config(long work)
    {
        var a = Accelerator;
        int warp = Math.Max(1, a.WarpSize);
        int group = Math.Max(warp, Math.Min(256, a.MaxNumThreadsPerGroup) / warp * warp);
        long resident = Math.Max(1L, (long)a.NumMultiprocessors * Math.Max(1, a.MaxNumThreadsPerMultiprocessor / group));
        long groups = Math.Max(1L, Math.Min((work + group - 1) / group, resident));
        return new KernelConfig((int)Math.Min(groups, int.MaxValue), group);
    }

    /// <summary>Queues copying <paramref name="source"/> (its length entries and the length) into <paramref name="destination"/>.</summary>
    public void CopyList(DeviceSpikeList source, DeviceSpikeList destination) =>
        _copyList.Value(Config(source.Capacity), source.Indices, source.Length, destination.Indices, destination.Length);

    /// <summary>Queues making <paramref name="destination"/> the <paramref name="length"/> entries of <paramref name="all"/> from <paramref name="offset"/>.</summary>
    public void CopySlice(ArrayView1D<int, Stride1D.Dense> all, int offset, int length, DeviceSpikeList destination) =>
        _copySlice.Value(Config(length), all, offset, length, destination.Indices, destination.Length);

    /// <summary>Queues appending the entries of <paramref name="list"/>, each with <paramref name="step"/>, at an atomic offset of <paramref name="counter"/>.</summary>
    public void Append(DeviceSpikeList list, long step, ArrayView1D<int, Stride1D.Dense> indices, ArrayView1D<long, Stride1D.Dense> steps, ArrayView1D<int, Stride1D.Dense> counter) =>
        _append.Value(Config(list.Capacity), list.Indices, list.Length, step, indices, steps, counter);

    /// <summary>Queues the Poisson draws of one step, appending the spiking elements to <paramref name="list"/> (cleared before by the caller).</summary>
    public void Poisson(ArrayView1D<double, Stride1D.Dense> rates, PoissonDraw draw, DeviceSpikeList list) =>
        _poisson.Value(Config(rates.Length), rates, draw, list.Indices, list.Length);

    /// <summary>Queues copying <c>source[indices[c]]</c> to <c>destination[c]</c> for every c (one state-monitor sample).</summary>
    public void Gather(ArrayView<double> source, ArrayView1D<int, Stride1D.Dense> indices, ArrayView<double> destination) =>
        _gatherDouble.Value(Config(indices.Length), source, indices, destination);

    /// <inheritdoc cref="Gather(ArrayView{double}, ArrayView1D{int, Stride1D.Dense}, ArrayView{double})"/>
    public void Gather(ArrayView<float> source, ArrayView1D<int, Stride1D.Dense> indices, ArrayView<float> destination) =>
        _gatherFloat.Value(Config(indices.Length), source, indices, destination);

    private static int Start => Grid.GlobalIndex.X;

    private static int Stride => Grid.DimX * Group.DimX;

    private static void CopyListKernel(
        ArrayView1D<int, Stride1D.Dense> srcIndices, ArrayView1D<int, Stride1D.Dense> srcLength,
        ArrayView1D<int, Stride1D.Dense> dstIndices, ArrayView1D<int, Stride1D.Dense> dstLength)
    {
        int n = srcLength[0];
        for (int i = Start; i < n; i += Stride) dstIndices[i] = srcIndices[i];
        if (Start == 0) dstLength[0] = n;
    }

    private static void CopySliceKernel(
        ArrayView1D<int, Stride1D.Dense> all, int offset, int length,
        ArrayView1D<int, Stride1D.Dense> dstIndices, ArrayView1D<int, Stride1D.Dense> dstLength)
    {
        for (int i = Start; i < length; i += Stride) dstIndices[i] = all[offset + i];
        if (Start == 0) dstLength[0] = length;
    }

    private static void AppendKernel(
        ArrayView1D<int, Stride1D.Dense> srcIndices, ArrayView1D<int, Stride1D.Dense> srcLength, long step,
        ArrayView1D<int, Stride1D.Dense> indices, ArrayView1D<long, Stride1D.Dense> steps, ArrayView1D<int, Stride1D.Dense> counter)
    {
        int n = srcLength[0];
        for (int i = Start; i < n; i += Stride)
        {
            int k = Atomic.Add(ref counter[0], 1);
            indices[k] = srcIndices[i];
            steps[k] = step;
        }
    }

    private static void GatherKernel<T>(ArrayView<T> source, ArrayView1D<int, Stride1D.Dense> indices, ArrayView<T> destination) where T : unmanaged
    {
        for (int c = Start; c < indices.Length; c += Stride) destination[c] = source[indices[c]];
    }

    private static void PoissonKernel(
        ArrayView1D<double, Stride1D.Dense> rates, PoissonDraw draw,
        ArrayView1D<int, Stride1D.Dense> indices, ArrayView1D<int, Stride1D.Dense> length)
    {
        int n = (int)rates.Length;
        for (int i = Start; i < n; i += Stride)
        {
            // PoissonSource.DecideSpikes' expression, in its order: the same doubles are compared.
            double p = rates[i] * draw.Dt;
            if (p > 0 && DevicePhilox.Uniform(draw.Seed, draw.Stream, i, draw.Step) < p)
            {
                int k = Atomic.Add(ref length[0], 1);
                indices[k] = i;
            }
        }
    }
}

/// <summary>The scalars of one step's Poisson draws (one kernel argument; plain fields, as kernels take them).</summary>
internal readonly struct PoissonDraw
{
    public readonly double Dt;
    public readonly ulong Seed;
    public readonly uint Stream;
    public readonly long Step;

    public PoissonDraw(double dt, ulong seed, uint stream, long step)
    {
        Dt = dt;
        Seed = seed;
        Stream = stream;
        Step = step;
    }
}
