using System;

namespace DynLang.Runtime;

/// <summary>
/// Where a network's populations, synapses and inputs keep their state and run their kernels:
/// <see cref="Cpu"/> (the generated CPU classes, on the worker pool) or an accelerator
/// (<c>DynLang.Ilgpu.IlgpuBackend</c>). Every object of one network uses one backend; the
/// generated factories (<c>CubaPopulation.Create(backend, n)</c>) pick the class for it, so the
/// same network code runs on either by changing only the backend.
/// </summary>
public abstract class Backend
{
    /// <summary>The CPU backend: the generated CPU classes and the runtime's CPU sources.</summary>
    public static Backend Cpu => CpuBackend.Instance;

    /// <summary>The backend in messages: "CPU", "ILGPU (CPU accelerator)", "ILGPU (NVIDIA H100 …)".</summary>
    public abstract string Name { get; }

    /// <summary>A Poisson source on this backend (the CPU's <see cref="PoissonSource"/>, or the same draws on a device).</summary>
    public virtual ISpikeSource PoissonSource(string name, int count, double rateHz, ulong seed = 0, ulong stream = 0) =>
        new PoissonSource(name, count, rateHz, seed, stream);

    /// <summary>A spike-time generator on this backend (the CPU's <see cref="SpikeGeneratorSource"/>, or the same spikes on a device).</summary>
    public virtual ISpikeSource SpikeGenerator(string name, int count, ReadOnlySpan<int> indices, ReadOnlySpan<double> times, double period = 0) =>
        new SpikeGeneratorSource(name, count, indices, times, period);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>
    /// Throws when <paramref name="a"/> and <paramref name="b"/> run on different backends: a
    /// network, and a synapse group between two populations, lives on one backend.
    /// </summary>
    /// <exception cref="ArgumentException">The backends differ; the message names both objects and both backends.</exception>
    public static void RequireSame(string what, string aName, Backend a, string bName, Backend b)
    {
        if (a.Equals(b)) return;
        throw new ArgumentException(
            $"{what}: '{aName}' runs on backend {a.Name} but '{bName}' runs on backend {b.Name}. " +
            "Every population, synapse group and input of one network must be created with the same backend.");
    }

    /// <summary>The backend of a network object: its own when it has one (<see cref="IBackendObject"/>), else the CPU.</summary>
    public static Backend Of(object item) => item is IBackendObject b ? b.Backend : Cpu;
}

/// <summary>The CPU backend (<see cref="Backend.Cpu"/>).</summary>
public sealed class CpuBackend : Backend
{
    /// <summary>The one instance.</summary>
    public static readonly CpuBackend Instance = new();

    private CpuBackend() { }

    /// <inheritdoc/>
    public override string Name => "CPU";
}

/// <summary>A network object that belongs to a backend (populations, synapse groups and inputs of an accelerator).</summary>
public interface IBackendObject
{
    /// <summary>The backend holding the object's state.</summary>
    Backend Backend { get; }
}
