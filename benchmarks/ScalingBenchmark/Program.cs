// Scaling benchmark, DynLang side (../scaling/README.md): builds CUBA or COBAHH from .npy files
// (the same files Brian2 reads: init_v/ge/gi.npy, Ce_i/_j.npy, Ci_i/_j.npy), runs a short
// warm-up on a sub-network (JIT), then times Network.Run(duration) once and writes JSON: spikes,
// a hash of the raster, synaptic events, the loop time, ns per event and per neuron-step, and
// the threads the runtime may use (Environment.ProcessorCount; DOTNET_PROCESSOR_COUNT=1 for one).
//
//   ScalingBenchmark --model cuba|cobahh|cobahh-fast --data DIR --duration S [--dt S] [--warmup S] [--out FILE]
//
// Exit: 0 done; 1 bad arguments; 2 bad input data (missing file, wrong sizes, indices out of
// range: one line saying which); 4 the simulation failed.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using DynLang.Runtime;
using ScalingBenchmark;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Options options;
try
{
    options = Options.Parse(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(Options.Usage);
    return 1;
}
if (options.Help)
{
    Console.WriteLine(Options.Usage);
    return 0;
}

var process = Stopwatch.StartNew();
NetworkData data;
try
{
    data = NetworkData.Load(options.Data);
}
catch (Exception e) when (e is BadInputException or FileNotFoundException or DirectoryNotFoundException
                              or InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: bad input in {options.Data}: {e.Message}");
    return 2;
}
double loadSeconds = process.Elapsed.TotalSeconds;

try
{
    return Run(options, data, loadSeconds, process);
}
catch (ArgumentException e)
{
    // Connectivity.FromIndices: indices out of range or arrays of different lengths.
    Console.Error.WriteLine($"error: bad input in {options.Data}: {e.Message}");
    return 2;
}
catch (Exception e) when (Environment.GetEnvironmentVariable("SCALING_BENCHMARK_STACK") is null)
{
    Console.Error.WriteLine($"error: the simulation failed: {e.GetType().Name}: {e.Message} (SCALING_BENCHMARK_STACK=1 shows the stack trace)");
    return 4;
}

static int Run(Options options, NetworkData data, double loadSeconds, Stopwatch process)
{
    int n = data.Neurons;
    long steps = (long)Math.Round(options.Duration / options.Dt);

    // Warm-up (not timed): the first neurons and the synapses among them, so that every kernel,
    // the synapse delivery and the monitor are compiled before the timed run. Up to 40,000
    // neurons: more than two chunks of a population, so the pool's parallel paths run too.
    double warmupSeconds = 0;
    int warmupNeurons = 0;
    if (options.Warmup > 0)
    {
        warmupNeurons = Math.Min(n, 40_000);
        var (warmNetwork, _) = Build(options.Model, data.Subset(warmupNeurons), options.Dt);
        var w = Stopwatch.StartNew();
        warmNetwork.Run(RoundToSteps(options.Warmup, options.Dt));
        warmupSeconds = w.Elapsed.TotalSeconds;
    }

    var build = Stopwatch.StartNew();
    var (network, monitor) = Build(options.Model, data, options.Dt);
    double buildSeconds = build.Elapsed.TotalSeconds;

    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    string loadStart = LoadAverage();
    int[] gcBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
    Console.Error.WriteLine($"dynlang {options.Model} N={n}: {data.SynapsesE + data.SynapsesI:N0} synapses, {steps:N0} steps, {Environment.ProcessorCount} processor(s); running");
    var self = Process.GetCurrentProcess();
    TimeSpan cpuBefore = self.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    network.Run(options.Duration);
    watch.Stop();
    self.Refresh();
    double loopCpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
    long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
    int[] gcDuring = [GC.CollectionCount(0) - gcBefore[0], GC.CollectionCount(1) - gcBefore[1], GC.CollectionCount(2) - gcBefore[2]];
    string loadEnd = LoadAverage();

    double loop = watch.Elapsed.TotalSeconds;
    ReadOnlySpan<int> indices = monitor.Indices;
    long events = 0;
    int excitatory = 0;
    foreach (int i in indices)
    {
        events += data.OutDegree[i];
        if (i < data.Excitatory) excitatory++;
    }
    var result = new
    {
        runner = Environment.ProcessorCount == 1 ? "dynlang-1core" : "dynlang-allcores",
        model = options.Model,
        data = Path.GetFullPath(options.Data),
        neurons = n,
        synapses = data.SynapsesE + data.SynapsesI,
        duration_s = options.Duration,
        dt_s = options.Dt,
        n_steps = steps,
        threads = Environment.ProcessorCount,
        pool_degree_of_parallelism = WorkerPool.Shared.DegreeOfParallelism,
        dotnet_processor_count_env = Environment.GetEnvironmentVariable("DOTNET_PROCESSOR_COUNT"),
        spikes = monitor.Count,
        spikes_e = excitatory,
        raster_sha256 = RasterHash(indices, monitor.Steps, n),
        events,
        loop_s = loop,
        loop_clock = "Stopwatch wall time of Network.Run",
        // CPU time of the whole process (all threads) during the loop: what Brian2's std::clock()
        // measures for its no-OpenMP loop, for a like-for-like look when the machine is loaded.
        loop_cpu_s = loopCpu,
        ns_per_event = events > 0 ? loop * 1e9 / events : (double?)null,
        ns_per_neuron_step = loop * 1e9 / ((double)n * steps),
        check_finite = network.CheckFinite,
        load_files_s = loadSeconds,
        build_network_s = buildSeconds,
        warmup = new { neurons = warmupNeurons, biological_s = options.Warmup, wall_s = warmupSeconds },
        gc_during_loop = gcDuring,
        allocated_during_loop_bytes = allocated,
        peak_working_set_bytes = Process.GetCurrentProcess().PeakWorkingSet64,
        process_s = process.Elapsed.TotalSeconds,
        loadavg_start = loadStart,
        loadavg_end = loadEnd,
        runtime = RuntimeInformation.FrameworkDescription,
        vector_double_count = System.Numerics.Vector<double>.Count,
        date_utc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
    };
    string json = JsonSerializer.Serialize(result);
    if (options.Out is not null)
    {
        string tmp = options.Out + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(tmp, options.Out, overwrite: true);
    }
    Console.WriteLine(json);
    return 0;
}

static double RoundToSteps(double seconds, double dt) => Math.Max(1, Math.Round(seconds / dt)) * dt;

static (Network, SpikeMonitor) Build(string model, NetworkData d, double dt)
{
    int n = d.Neurons;
    var ce = Connectivity.FromIndices(d.CeI, d.CeJ, n, n, "Ce");
    var ci = Connectivity.FromIndices(d.CiI, d.CiJ, n, n, "Ci");
    var network = new Network(dt);
    SpikeMonitor monitor;
    if (model == "cuba")
    {
        var p = new CubaPopulation(n);
        d.V.CopyTo(p.v);
        d.Ge.CopyTo(p.ge);
        d.Gi.CopyTo(p.gi);
        monitor = new SpikeMonitor(p, "spikes");
        network.Add(p, new CubaExcitatorySynapses(p, p, ce), new CubaInhibitorySynapses(p, p, ci), monitor);
    }
    else if (model == "cobahh-fast")
    {
        var p = new CobahhFastPopulation(n);
        d.V.CopyTo(p.v);
        d.Ge.CopyTo(p.ge);
        d.Gi.CopyTo(p.gi);
        monitor = new SpikeMonitor(p, "spikes");
        network.Add(p, new CobahhFastExcitatorySynapses(p, p, ce), new CobahhFastInhibitorySynapses(p, p, ci), monitor);
    }
    else
    {
        var p = new CobahhPopulation(n);
        d.V.CopyTo(p.v);
        d.Ge.CopyTo(p.ge);
        d.Gi.CopyTo(p.gi);
        monitor = new SpikeMonitor(p, "spikes");
        network.Add(p, new CobahhExcitatorySynapses(p, p, ce), new CobahhInhibitorySynapses(p, p, ci), monitor);
    }
    return (network, monitor);
}

// sha256 of the raster as (step * N + neuron) sorted ascending, little-endian int64: the same
// canonical form brian2_scaling.py hashes, so equal hashes mean identical spike trains.
static string RasterHash(ReadOnlySpan<int> indices, ReadOnlySpan<long> steps, int n)
{
    var keys = new long[indices.Length];
    for (int k = 0; k < keys.Length; k++) keys[k] = steps[k] * n + indices[k];
    Array.Sort(keys);
    if (!BitConverter.IsLittleEndian)
        for (int k = 0; k < keys.Length; k++) keys[k] = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(keys[k]);
    return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(keys.AsSpan())));
}

static string LoadAverage()
{
    try
    {
        return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
    }
    catch (IOException)
    {
        return "";
    }
}

/// <summary>The command line.</summary>
internal sealed record Options(string Model, string Data, double Duration, double Dt, double Warmup, string? Out, bool Help)
{
    public const string Usage = """
        usage: ScalingBenchmark --model cuba|cobahh|cobahh-fast --data DIR --duration SECONDS
                                [--dt SECONDS (1e-4)] [--warmup SECONDS (0.05; 0 = none)] [--out FILE.json]
          DIR holds init_v.npy, init_ge.npy, init_gi.npy (float64, one per neuron, SI units) and
          Ce_i.npy, Ce_j.npy, Ci_i.npy, Ci_j.npy (integer pre/post indices of the excitatory and
          inhibitory synapses). Threads: Environment.ProcessorCount (DOTNET_PROCESSOR_COUNT=1: one).
        """;

    public static Options Parse(string[] args)
    {
        string? model = null, data = null, output = null;
        double duration = double.NaN, dt = 1e-4, warmup = 0.05;
        for (int k = 0; k < args.Length; k++)
        {
            string a = args[k];
            if (a is "-h" or "--help") return new Options("", "", 0, 0, 0, null, true);
            if (k + 1 >= args.Length) throw new UsageException($"{a} needs a value");
            string v = args[++k];
            switch (a)
            {
                case "--model": model = v; break;
                case "--data": data = v; break;
                case "--out": output = v; break;
                case "--duration": duration = Number(a, v); break;
                case "--dt": dt = Number(a, v); break;
                case "--warmup": warmup = Number(a, v); break;
                default: throw new UsageException($"unknown argument {a}");
            }
        }
        if (model is not ("cuba" or "cobahh" or "cobahh-fast")) throw new UsageException("--model must be cuba, cobahh or cobahh-fast");
        if (data is null) throw new UsageException("--data DIR is required");
        if (!(duration > 0)) throw new UsageException("--duration must be a positive number of seconds");
        if (!(dt > 0)) throw new UsageException("--dt must be positive");
        if (!(warmup >= 0)) throw new UsageException("--warmup must be zero or positive");
        double steps = duration / dt;
        if (Math.Abs(steps - Math.Round(steps)) > 1e-9 * Math.Max(1, steps))
            throw new UsageException($"--duration {duration} is not a whole number of steps of {dt}");
        return new Options(model, data, duration, dt, warmup, output, false);
    }

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)
            ? x
            : throw new UsageException($"{name}: '{value}' is not a number");
}

internal sealed class UsageException(string message) : Exception(message);

internal sealed class BadInputException(string message) : Exception(message);

/// <summary>The network's arrays as read from DIR, checked for consistency.</summary>
internal sealed class NetworkData
{
    public required int Neurons { get; init; }
    public required double[] V { get; init; }
    public required double[] Ge { get; init; }
    public required double[] Gi { get; init; }
    public required int[] CeI { get; init; }
    public required int[] CeJ { get; init; }
    public required int[] CiI { get; init; }
    public required int[] CiJ { get; init; }
    public int SynapsesE => CeI.Length;
    public int SynapsesI => CiI.Length;
    /// <summary>CUBA's and COBAHH's split: the first 80 % of the neurons are excitatory.</summary>
    public int Excitatory => (int)Math.Round(0.8 * Neurons);
    /// <summary>Synapses leaving each neuron (both pathways): a spike of neuron i is OutDegree[i] synaptic events.</summary>
    public int[] OutDegree { get; private set; } = [];

    private static readonly string[] Files = ["init_v", "init_ge", "init_gi", "Ce_i", "Ce_j", "Ci_i", "Ci_j"];

    public static NetworkData Load(string dir)
    {
        if (!Directory.Exists(dir)) throw new BadInputException($"the folder {dir} does not exist");
        var missing = Files.Where(f => !File.Exists(Path.Combine(dir, f + ".npy"))).ToList();
        if (missing.Count > 0)
            throw new BadInputException($"missing {string.Join(", ", missing.Select(f => f + ".npy"))}");
        string P(string f) => Path.Combine(dir, f + ".npy");
        double[] v = Npy.ReadDoubles(P("init_v"));
        int n = v.Length;
        if (n == 0) throw new BadInputException("init_v.npy is empty");
        // ReadDoubles(path, n) refuses another length with a message naming the file.
        var d = new NetworkData
        {
            Neurons = n,
            V = v,
            Ge = Npy.ReadDoubles(P("init_ge"), n),
            Gi = Npy.ReadDoubles(P("init_gi"), n),
            CeI = Npy.ReadInt32(P("Ce_i")),
            CeJ = Npy.ReadInt32(P("Ce_j")),
            CiI = Npy.ReadInt32(P("Ci_i")),
            CiJ = Npy.ReadInt32(P("Ci_j")),
        };
        CheckPathway(d.CeI, d.CeJ, n, "Ce");
        CheckPathway(d.CiI, d.CiJ, n, "Ci");
        var outDegree = new int[n];
        foreach (int i in d.CeI) outDegree[i]++;
        foreach (int i in d.CiI) outDegree[i]++;
        d.OutDegree = outDegree;
        return d;
    }

    private static void CheckPathway(int[] pre, int[] post, int n, string name)
    {
        if (pre.Length != post.Length)
            throw new BadInputException($"{name}_i.npy has {pre.Length:N0} indices but {name}_j.npy {post.Length:N0}: one (pre, post) pair per synapse");
        foreach (var (array, file) in new[] { (pre, name + "_i.npy"), (post, name + "_j.npy") })
            for (int k = 0; k < array.Length; k++)
                if ((uint)array[k] >= (uint)n)
                    throw new BadInputException($"{file}: index {array[k]} at position {k} is outside [0, {n}) (init_v.npy has {n} neurons)");
    }

    /// <summary>
    /// A sub-network of about <paramref name="count"/> neurons for the warm-up: the first 80 % of
    /// them from the excitatory neurons, the rest from the first inhibitory ones (renumbered), and
    /// the synapses among them.
    /// </summary>
    public NetworkData Subset(int count)
    {
        if (count >= Neurons) return this;
        int keepE = (int)Math.Round(0.8 * count), keepI = Math.Min(count - keepE, Neurons - Excitatory);
        var map = new int[Neurons];
        Array.Fill(map, -1);
        var old = new List<int>();
        for (int i = 0; i < keepE; i++) { map[i] = old.Count; old.Add(i); }
        for (int i = Excitatory; i < Excitatory + keepI; i++) { map[i] = old.Count; old.Add(i); }
        (int[], int[]) Keep(int[] pre, int[] post)
        {
            var a = new List<int>();
            var b = new List<int>();
            for (int k = 0; k < pre.Length; k++)
                if (map[pre[k]] >= 0 && map[post[k]] >= 0) { a.Add(map[pre[k]]); b.Add(map[post[k]]); }
            return (a.ToArray(), b.ToArray());
        }
        var (ceI, ceJ) = Keep(CeI, CeJ);
        var (ciI, ciJ) = Keep(CiI, CiJ);
        return new NetworkData
        {
            Neurons = old.Count,
            V = old.Select(i => V[i]).ToArray(),
            Ge = old.Select(i => Ge[i]).ToArray(),
            Gi = old.Select(i => Gi[i]).ToArray(),
            CeI = ceI, CeJ = ceJ, CiI = ciI, CiJ = ciJ,
        };
    }
}
