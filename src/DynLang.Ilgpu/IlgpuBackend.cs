using System;
using DynLang.Runtime;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// The ILGPU backend: every object of the network keeps its state in buffers of
/// <see cref="Accelerator"/> and runs its kernels there. Two backends are the same when they hold
/// the same accelerator. The accelerator belongs to the caller (dispose it after the objects).
/// </summary>
public sealed class IlgpuBackend : Backend
{
    /// <summary>The backend of <paramref name="accelerator"/>.</summary>
    public IlgpuBackend(Accelerator accelerator) =>
        Accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));

    /// <summary>The accelerator holding the buffers.</summary>
    public Accelerator Accelerator { get; }

    /// <inheritdoc/>
    public override string Name => $"ILGPU ({Accelerator.AcceleratorType}: {Accelerator.Name})";

    /// <inheritdoc/>
    public override ISpikeSource PoissonSource(string name, int count, double rateHz, ulong seed = 0, ulong stream = 0) =>
        new IlgpuPoissonSource(Accelerator, name, count, rateHz, seed, stream);

    /// <inheritdoc/>
    public override ISpikeSource SpikeGenerator(string name, int count, ReadOnlySpan<int> indices, ReadOnlySpan<double> times, double period = 0) =>
        new IlgpuSpikeGeneratorSource(Accelerator, name, count, indices, times, period);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IlgpuBackend other && ReferenceEquals(other.Accelerator, Accelerator);

    /// <inheritdoc/>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Accelerator);
}
