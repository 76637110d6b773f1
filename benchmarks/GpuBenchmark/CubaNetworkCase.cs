using System.Diagnostics;
using DynLang.Ilgpu;
using DynLang.Runtime;
using ILGPU.Runtime;

namespace GpuBenchmark;

/// <summary>One CUBA network (Models/Cuba.dyn) on one backend: the same code for the CPU and for ILGPU.</summary>
internal sealed class CubaRun : IDisposable
{
    public const double Dt = 1e-4;

    private readonly ICubaPopulation _neurons;
    private readonly ICubaExcitatorySynapses _exc;
    private readonly ICubaInhibitorySynapses _inh;
    private readonly Network _network;

    public CubaRun(Backend backend, CubaData data, Connectivity ce, Connectivity ci)
    {
        Backend = backend;
        _neurons = CubaPopulation.Create(backend, data.Neurons);
        _neurons.WriteV(data.InitV);
        _exc = CubaExcitatorySynapses.Create(_neurons, _neurons, ce);
        _inh = CubaInhibitorySynapses.Create(_neurons, _neurons, ci);
        Spikes = new SpikeMonitor(_neurons, "spikes");
        _network = new Network(Dt).Add(_neurons, _exc, _inh, Spikes);
    }

    public Backend Backend { get; }
    public SpikeMonitor Spikes { get; }
    public double[] V => _neurons.ReadV().ToArray();

    /// <summary>Wall seconds of <c>Run(seconds)</c>, up to the spikes being on the host (reading them waits for the device).</summary>
    public double Run(double seconds)
    {
        var watch = Stopwatch.StartNew();
        _network.Run(seconds);
        _ = Spikes.Count;
        return watch.Elapsed.TotalSeconds;
    }

    public void Dispose()
    {
        _exc.Dispose();
        _inh.Dispose();
        _neurons.Dispose();
    }

    /// <summary>The first spike (monitor order: step, then index) where two recordings differ, or -1.</summary>
    public static int FirstDifference(SpikeMonitor a, SpikeMonitor b)
    {
        int first = Math.Min(a.Indices.CommonPrefixLength(b.Indices), a.Steps.CommonPrefixLength(b.Steps));
        return first == a.Count && first == b.Count ? -1 : first;
    }

    public static string Describe(SpikeMonitor m, int k) =>
        k < m.Count ? $"neuron {m.Indices[k]} at step {m.Steps[k]}" : "none (fewer spikes)";
}

/// <summary>
/// CUBA at one size on the CPU backend and on ILGPU: a check run on both (equal spike trains
/// required; v compared bit for bit and the differences counted, not required: CUDA may contract
/// multiply-adds), then a timed run on each, continuing the same networks (the check run is their
/// warm-up); with timeAnyway the timing runs after a failed check too (the result still fails).
/// </summary>
internal static class CubaNetworkCase
{
    /// <summary>
    /// Bytes one step moves at least, the count used for the implied bandwidth, from the generated
    /// kernels (obj/…/generated/…/Cuba.Ilgpu.g.cs): every neuron reads v, ge, gi and its last-spike
    /// step (3 × 8 + 8 B) and writes v, ge, gi and its spiked flag (3 × 8 + 4 B): 60 B; every
    /// synaptic event (CubaExcitatory.Ilgpu.g.cs' delivery) reads its synapse id and its target's
    /// index (2 × 4 B) and reads and writes the target's ge or gi atomically (2 × 8 B): 24 B.
    /// Not counted: the spike list and the resets (a few bytes per spike), the presynaptic row
    /// offsets, and the whole sectors a scattered 8 B access fetches.
    /// </summary>
    public static double BytesPerStep(int neurons, double eventsPerStep) => 60.0 * neurons + 24.0 * eventsPerStep;

    public static (object Result, bool Ok) Measure(Accelerator accelerator, CubaData data, double dataSeconds, double checkSeconds, double seconds,
        double copyGbPerS, bool timeAnyway)
    {
        int n = data.Neurons;
        var ce = Connectivity.FromIndices(data.CeI, data.CeJ, n, n, "Ce");
        var ci = Connectivity.FromIndices(data.CiI, data.CiJ, n, n, "Ci");
        int[] outDegree = data.OutDegree();
        var build = Stopwatch.StartNew();
        using var cpu = new CubaRun(Backend.Cpu, data, ce, ci);
        double cpuBuild = build.Elapsed.TotalSeconds;
        build.Restart();
        using var gpu = new CubaRun(new IlgpuBackend(accelerator), data, ce, ci);
        double gpuBuild = build.Elapsed.TotalSeconds;
        Console.Error.WriteLine($"n = {n:N0}: {data.CeI.Length + data.CiI.Length:N0} synapses ({data.Origin}); check run of {checkSeconds} s on both");

        double cpuCheck = cpu.Run(checkSeconds), gpuCheck = gpu.Run(checkSeconds);
        var check = Compare(cpu, gpu, checkSeconds);
        Console.Error.WriteLine($"  check: CPU {cpu.Spikes.Count:N0} spikes, ILGPU {gpu.Spikes.Count:N0}: {(check.Ok ? "equal trains" : "DIFFERENT, " + check.FirstDifference)}");
        if (!check.Ok && !timeAnyway)
            return (new { neurons = n, check, timed = (object?)null }, false);

        var cpuTimed = Timed(cpu, seconds, n, outDegree, copyGbPerS: null);
        var gpuTimed = Timed(gpu, seconds, n, outDegree, copyGbPerS);
        var after = Compare(cpu, gpu, checkSeconds + seconds);
        var result = new
        {
            neurons = n,
            synapses = data.CeI.Length + data.CiI.Length,
            data = data.Origin,
            data_s = dataSeconds,
            build_s = new { cpu = cpuBuild, ilgpu = gpuBuild },
            check_run_wall_s = new { cpu = cpuCheck, ilgpu = gpuCheck },
            check,
            cpu = cpuTimed,
            ilgpu = gpuTimed,
            ratio_cpu_over_ilgpu = cpuTimed.WallSeconds / gpuTimed.WallSeconds,
            after_timing = after,
        };
        return (result, check.Ok && after.Ok);
    }

    internal sealed record Agreement(double BiologicalSeconds, int SpikesCpu, int SpikesIlgpu, bool SameTrains, string FirstDifference, long VNotBitIdentical, bool Ok);

    private static Agreement Compare(CubaRun cpu, CubaRun gpu, double until)
    {
        int first = CubaRun.FirstDifference(cpu.Spikes, gpu.Spikes);
        double[] a = cpu.V, b = gpu.V;
        long vDiff = 0;
        for (int i = 0; i < a.Length; i++)
            if (BitConverter.DoubleToInt64Bits(a[i]) != BitConverter.DoubleToInt64Bits(b[i])) vDiff++;
        string where = first < 0 ? "none" : $"spike {first}: CPU {CubaRun.Describe(cpu.Spikes, first)}, ILGPU {CubaRun.Describe(gpu.Spikes, first)}";
        return new Agreement(until, cpu.Spikes.Count, gpu.Spikes.Count, first < 0, where, vDiff, first < 0);
    }

    internal sealed record TimedRun(double BiologicalSeconds, long Steps, double WallSeconds, double MsPerSimulatedSecond,
        long Spikes, long SynapticEvents, double BytesPerStep, double ImpliedGbPerS, double? FractionOfDeviceCopy);

    private static TimedRun Timed(CubaRun run, double seconds, int n, int[] outDegree, double? copyGbPerS)
    {
        int before = run.Spikes.Count;
        double wall = run.Run(seconds);
        long steps = (long)Math.Round(seconds / CubaRun.Dt);
        long events = 0;
        foreach (int i in run.Spikes.Indices[before..]) events += outDegree[i];
        double bytes = BytesPerStep(n, (double)events / steps);
        double gbps = bytes * steps / wall / 1e9;
        Console.Error.WriteLine($"  {run.Backend.Name}: {seconds} s simulated in {wall:F3} s ({run.Spikes.Count - before:N0} spikes, {events:N0} events)");
        return new TimedRun(seconds, steps, wall, wall / seconds * 1e3, run.Spikes.Count - before, events, bytes, gbps, copyGbPerS is { } c ? gbps / c : null);
    }
}
