using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using DynLang.Benchmarks;

// Usage: dotnet run -c Release --project benchmarks/DynLang.Benchmarks [-- [--quick] [--large] [BenchmarkDotNet args, e.g. --filter *Triad*]]
//   --quick  fewer iterations (~20 s), for trying changes
//   --large  adds N = 4e7, past any cache, to the default N = 1e6 and 1e7 (~2 more minutes)
//   --compiler  instead: the generator's cost per model (parse, bind, units, checks, lowering, C#)
//   --gray-scott  instead: the Gray–Scott field step at 1024² and 4096² against the scalar loop and the triad
//   --threads  instead: the neuron step (CUBA LIF, COBAHH HH) on one thread against all cores, alternating rounds
if (args.Contains("--threads")) return ThreadScaling.Run(args.Contains("--quick"));
//   --fastmath  instead: FastMath (the fast math mode) against VectorMath (platform, lane by lane), ns per element
bool fastMath = args.Contains("--fastmath");
bool quick = args.Contains("--quick");
bool compiler = args.Contains("--compiler");
bool grayScott = args.Contains("--gray-scott");
if (args.Contains("--large")) LifStepBenchmarks.Sizes = [.. LifStepBenchmarks.Sizes, 40_000_000];
string[] benchmarkArgs = args.Where(a => a is not ("--quick" or "--large" or "--compiler" or "--gray-scott" or "--threads" or "--fastmath")).ToArray();

if (grayScott) Console.WriteLine(Agreement.CheckGrayScott());
if (!compiler && !grayScott && !fastMath)
{
    Console.WriteLine(Agreement.Check());
    Console.WriteLine(AllocationProbe.Measure());
}
// Other processes competing for the cores make every number here slower and noisier; the load
// average at start and end goes into the log so a reader can tell.
PrintLoad("start");
Console.WriteLine($"worker pool: {LifStepBenchmarks.PoolThreads} threads, Vector<double>.Count = {System.Numerics.Vector<double>.Count}");

// Both jobs run in this process (InProcessEmitToolchain), one launch: it saves BenchmarkDotNet's
// separate build of this project (~1 min on 2 cores). The default takes about three minutes on 2 cores: 20 iterations of
// ≥ 0.5 s each give a stable mean for steps of 1–50 ms. --quick is for trying changes, not for
// reporting.
Job job = quick
    ? Job.Default.WithId("Quick").WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3)
        .WithIterationTime(TimeInterval.FromMilliseconds(100))
    : Job.Default.WithId("Default").WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(20)
        .WithIterationTime(TimeInterval.FromMilliseconds(500));
job = job.WithToolchain(InProcessEmitToolchain.Instance);

IConfig config = ManualConfig.Create(DefaultConfig.Instance)
    .AddJob(job)
    .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
    .AddColumn(BandwidthColumns.All);

var summary = compiler
    ? BenchmarkRunner.Run<CompilerCostBenchmarks>(ManualConfig.Create(DefaultConfig.Instance).AddJob(job)
        .AddColumn(StatisticColumn.Median, StatisticColumn.Min).AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default), benchmarkArgs)
    : fastMath
        ? BenchmarkRunner.Run<FastMathBenchmarks>(config, benchmarkArgs)
    : grayScott
        ? BenchmarkRunner.Run<GrayScottStepBenchmarks>(config, benchmarkArgs)
        : BenchmarkRunner.Run<LifStepBenchmarks>(config, benchmarkArgs);
PrintLoad("end");
return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;

static void PrintLoad(string when)
{
    const string path = "/proc/loadavg";
    if (File.Exists(path)) Console.WriteLine($"load average at {when} (1, 5, 15 min): {File.ReadAllText(path).Trim()}");
}
