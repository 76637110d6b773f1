using System.Globalization;
using System.Text.Json;

namespace GpuBenchmark;

/// <summary>
/// The network modes of GpuBenchmark (issue item 6):
/// <code>
///   GpuBenchmark network [--cpu] [--sizes 4000,100000,1000000] [--check S] [--duration S] [--seed K] [--data DIR] [--time-anyway] [--out FILE]
///   GpuBenchmark make-data --n N --dir DIR [--seed K]
/// </code>
/// network: for each size, CUBA with a fixed in-degree of 80 (<see cref="CubaData"/>) is built on
/// the CPU backend (WorkerPool.Shared: all cores) and on ILGPU, run --check seconds (default 0.1)
/// on both, compared (equal spike trains step for step, else exit 2 and that size is not timed
/// unless --time-anyway; v bits compared and counted), then each runs --duration more (default
/// 1 s) timed, and the trains are compared again. With --data DIR the network of size N is read
/// from DIR/cuba-N when that folder is complete, else generated and written there (.npy,
/// make_data.py's layout). Prints a table to stderr, JSON to stdout and --out.
/// </summary>
internal static class NetworkProgram
{
    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string? Arg(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
        ulong seed = ulong.Parse(Arg("--seed") ?? "2007");
        if (args[0] == "make-data")
        {
            int n = int.Parse(Arg("--n") ?? throw new ArgumentException("make-data needs --n N"));
            string dir = Arg("--dir") ?? throw new ArgumentException("make-data needs --dir DIR");
            CubaData.Generate(n, seed).Save(dir, seed);
            Console.WriteLine(File.ReadAllText(Path.Combine(dir, "meta.json")));
            return 0;
        }

        var (context, accelerator, isGpu) = DeviceChoice.Open(args.Contains("--cpu"));
        using var _c = context;
        using var _a = accelerator;
        int[] sizes = (Arg("--sizes") ?? (isGpu ? "4000,100000,1000000" : "4000,100000")).Split(',').Select(int.Parse).ToArray();
        double check = double.Parse(Arg("--check") ?? "0.1"), duration = double.Parse(Arg("--duration") ?? "1.0");
        Console.Error.WriteLine($"device: {accelerator.Name} ({accelerator.AcceleratorType}, {accelerator.MemorySize / (1 << 20)} MiB)" +
                               (isGpu ? "" : " — no GPU: a dry run on ILGPU's CPU accelerator, its times are not GPU times") +
                               $"; CPU backend on {Environment.ProcessorCount} processor(s)");
        // The device copy of a 1 GiB buffer (512 MiB each way): the bandwidth bound the network's traffic is set against.
        var copy = CopyCeiling.Measure(accelerator, isGpu ? 1L << 30 : 1L << 26);

        var cases = new List<object>();
        bool ok = true;
        foreach (int n in sizes)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var data = Data(n, seed, Arg("--data"));
            var (result, good) = CubaNetworkCase.Measure(accelerator, data, watch.Elapsed.TotalSeconds, check, duration,
                copy.GigabytesPerSecond, args.Contains("--time-anyway"));
            cases.Add(result);
            ok &= good;
            GC.Collect();
        }
        var json = JsonSerializer.Serialize(new
        {
            device = accelerator.Name,
            accelerator_type = accelerator.AcceleratorType.ToString(),
            is_gpu = isGpu,
            cpu_processors = Environment.ProcessorCount,
            dt_s = CubaRun.Dt,
            bytes_per_step_formula = "60 * neurons + 24 * synaptic events per step (per neuron v, ge, gi, last-spike step read and v, ge, gi, spiked flag written; per event a 4 B synapse id and a 4 B target index read, an 8 B atomic read-modify-write)",
            copy_ceiling = new { bytes = copy.Bytes, median_s = copy.Time.MedianSeconds, gb_per_s = copy.GigabytesPerSecond },
            networks = cases,
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        if (Arg("--out") is { } path)
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            File.WriteAllText(path, json);
        }
        Console.WriteLine(json);
        PrintTable(json);
        return ok ? 0 : 2;
    }

    private static CubaData Data(int n, ulong seed, string? root)
    {
        if (root is null) return CubaData.Generate(n, seed);
        string dir = Path.Combine(root, $"cuba-{n}");
        if (File.Exists(Path.Combine(dir, "meta.json"))) return CubaData.Load(dir);
        var data = CubaData.Generate(n, seed);
        data.Save(dir, seed);
        return data;
    }

    /// <summary>The ratio table, from the JSON (so it reads what was recorded).</summary>
    private static void PrintTable(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        double copy = root.GetProperty("copy_ceiling").GetProperty("gb_per_s").GetDouble();
        Console.Error.WriteLine($"\n{root.GetProperty("device").GetString()} (GPU: {root.GetProperty("is_gpu")}), device copy {copy:F1} GB/s; CPU backend on {root.GetProperty("cpu_processors")} processor(s)");
        Console.Error.WriteLine($"{"neurons",10} {"check",8} {"spikes/s",10} {"CPU ms/s",10} {"ILGPU ms/s",11} {"CPU/ILGPU",9} {"MB/step",8} {"CPU GB/s",9} {"ILGPU GB/s",11} {"of copy",8}");
        foreach (var c in root.GetProperty("networks").EnumerateArray())
        {
            bool agreed = c.GetProperty("check").GetProperty("ok").GetBoolean();
            if (!c.TryGetProperty("cpu", out var cpu))
            {
                Console.Error.WriteLine($"{c.GetProperty("neurons").GetInt32(),10} {"FAILED",8}");
                continue;
            }
            var gpu = c.GetProperty("ilgpu");
            double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();
            Console.Error.WriteLine($"{c.GetProperty("neurons").GetInt32(),10} {(agreed && c.GetProperty("after_timing").GetProperty("ok").GetBoolean() ? "equal" : "DIFFER"),8} " +
                $"{D(cpu, "spikes") / D(cpu, "biological_seconds"),10:N0} {D(cpu, "ms_per_simulated_second"),10:F1} {D(gpu, "ms_per_simulated_second"),11:F1} " +
                $"{D(c, "ratio_cpu_over_ilgpu"),9:G3} {D(gpu, "bytes_per_step") / 1e6,8:F2} {D(cpu, "implied_gb_per_s"),9:F2} {D(gpu, "implied_gb_per_s"),11:F2} {D(gpu, "fraction_of_device_copy"),8:P0}");
        }
    }
}
