// GPU benchmark (issue 5): checks the generated ILGPU kernels against the CPU backend, then times
// them beside a device-to-device copy. Prints one JSON object (and writes it to --out).
//
//   GpuBenchmark [--cpu] [--neurons N] [--check-neurons N] [--check-steps S] [--gs-size N] [--gs-check-size N] [--out FILE]
//
// Cases: the LIF step (LifCase) and the Gray–Scott step (GrayScottCase: checked at --gs-check-size²,
// default 256², for 200 steps; timed at --gs-size², default 4096² on a GPU, 64² on the CPU accelerator).
//
// --cpu uses ILGPU's CPU accelerator even where a GPU exists: a correctness dry run (its times are
// not GPU times). benchmarks/gpu/run-device.sh runs this published program and the PyTorch peers.
using System.Text.Json;
using GpuBenchmark;

// The network modes (CUBA at 10^5 and 10^6 neurons on both backends): NetworkProgram.cs.
if (args.Length > 0 && args[0] is "network" or "make-data") return NetworkProgram.Run(args);

bool forceCpu = args.Contains("--cpu");
string? Arg(string name) { int i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }

var (context, accelerator, isGpu) = DeviceChoice.Open(forceCpu);
using (context)
using (accelerator)
{
    // Dry runs on the CPU accelerator simulate every GPU thread: keep them small.
    int neurons = int.Parse(Arg("--neurons") ?? (isGpu ? "10000000" : "100000"));
    int checkNeurons = int.Parse(Arg("--check-neurons") ?? (isGpu ? "1000000" : "5000"));
    int checkSteps = int.Parse(Arg("--check-steps") ?? "300");
    int gsSize = int.Parse(Arg("--gs-size") ?? (isGpu ? "4096" : "64"));
    int gsCheckSize = int.Parse(Arg("--gs-check-size") ?? "256");
    if (gsSize < 20 || gsCheckSize < 20) throw new ArgumentOutOfRangeException("--gs-size", $"--gs-size ({gsSize}) and --gs-check-size ({gsCheckSize}) must be at least 20: the start square spans 20 cells");
    Console.Error.WriteLine($"device: {accelerator.Name} ({accelerator.AcceleratorType}, {accelerator.MemorySize / (1 << 20)} MiB)" +
                           (isGpu ? "" : " — no GPU: correctness dry run, times are not GPU times"));

    var check = LifCase.Check(accelerator, checkNeurons, checkSteps);
    // Bit for bit on the CPU accelerator; within a tolerance on CUDA (GrayScottCase.Check says why).
    var gsCheck = GrayScottCase.Check(accelerator, gsCheckSize, 200, exact: !isGpu);
    var lif = LifCase.Time(accelerator, neurons);
    var copy = CopyCeiling.Measure(accelerator, 32L * neurons);
    var gsCopy = CopyCeiling.Measure(accelerator, 32L * gsSize * gsSize);
    var grayScott = GrayScottCase.Time(accelerator, gsSize, gsCopy.GigabytesPerSecond);
    var result = new
    {
        device = accelerator.Name,
        accelerator_type = accelerator.AcceleratorType.ToString(),
        is_gpu = isGpu,
        checks = new[] { check, gsCheck },
        lif,
        copy_ceiling = new { bytes = copy.Bytes, median_s = copy.Time.MedianSeconds, gb_per_s = copy.GigabytesPerSecond },
        gray_scott = grayScott,
        gray_scott_copy_ceiling = new { bytes = gsCopy.Bytes, median_s = gsCopy.Time.MedianSeconds, gb_per_s = gsCopy.GigabytesPerSecond },
    };
    string json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
    if (Arg("--out") is { } path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        File.WriteAllText(path, json);
    }
    Console.WriteLine(json);
    bool Ok(object c) => c.GetType().GetProperty("ok")!.GetValue(c) is true;
    return Ok(check) && Ok(gsCheck) ? 0 : 2;
}
