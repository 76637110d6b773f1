using System.Diagnostics;
using DynLang.Core.Compilation;
using DynLang.LanguageServer;
using LspBenchmark;
using Nerdbank.Streams;

// Issue 13's two numbers for the language server, measured side by side in one run:
//  1. latency: from sending didChange of a 300-line file to receiving its publishDiagnostics, through a
//     real `dynlang lsp` child process over stdio, in steady state (after a warm-up), against the bare
//     DynCompiler.Compile time of the same text measured in this process;
//  2. memory over N edits (default 10,000): the server's managed heap after a full collection every 1,000
//     edits (in-process server, so the heap can be collected and read exactly), and the child process's
//     resident set at the same points.
int edits = args.Length > 0 ? int.Parse(args[0]) : 10_000;
const int Lines = 300, WarmUp = 200;
string uri = "file:///tmp/dynlang-bench/Bench.dyn";
string first = BenchmarkFile.Text(Lines, 0);
Console.WriteLine($"file: {first.Count(c => c == '\n')} lines, {first.Length:N0} chars; edits: {edits:N0}; warm-up: {WarmUp}; {Environment.ProcessorCount} cores");
var check = DynCompiler.Compile("/tmp/Bench.dyn", BenchmarkFile.Text(Lines, 1));
Console.WriteLine($"odd edits give errors: {string.Join(", ", check.Diagnostics.Where(d => d.IsError).Select(d => d.Id).Distinct())}");

// 1a. The compile alone.
var compileTimes = new List<double>();
for (int i = 0; i < WarmUp + 200; i++)
{
    string text = BenchmarkFile.Text(Lines, i);
    long t0 = Stopwatch.GetTimestamp();
    DynCompiler.Compile("/tmp/Bench.dyn", text);
    if (i >= WarmUp) compileTimes.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
}
Report("DynCompiler.Compile alone (in process)", compileTimes);

// 1b + 2b. The real server over stdio: latency of every edit after the warm-up, RSS every 1,000 edits.
string tool = Path.Combine(AppContext.BaseDirectory, "dynlang.dll");
var start = new ProcessStartInfo("dotnet", [tool, "lsp"]) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
using (var server = Process.Start(start) ?? throw new InvalidOperationException("could not start dynlang lsp"))
{
    var rss = new List<(int Edits, long Bytes)>();
    var latencies = new List<double>();
    await using (var client = new LspConnection(server.StandardInput.BaseStream, server.StandardOutput.BaseStream))
    {
        await client.InitializeAsync();
        for (int version = 1; version <= edits + 1; version++)
        {
            var (published, latency) = await client.EditAsync(uri, BenchmarkFile.Text(Lines, version - 1), version);
            bool hasError = published.Diagnostics.Any(d => d.Severity == 1);
            if (hasError != ((version - 1) % 2 == 1)) throw new InvalidOperationException($"version {version}: an error {(hasError ? "where none belongs" : "is missing")}");
            if (version > WarmUp) latencies.Add(latency.TotalMilliseconds);
            if ((version - 1) % 1000 == 0) { server.Refresh(); rss.Add((version - 1, server.WorkingSet64)); }
            if (version % 2000 == 0) Console.Error.WriteLine($"  stdio: {version:N0} edits");
        }
    }
    server.WaitForExit(30_000);
    Report("dynlang lsp over stdio: didChange → publishDiagnostics", latencies);
    Console.WriteLine("dynlang lsp resident set (MB) after edits: " + string.Join(", ", rss.Select(r => $"{r.Edits:N0}: {r.Bytes / 1048576.0:F0}")));
}

// 2a. An in-process server: its managed heap after a full collection, every 1,000 edits.
var (serverStream, clientStream) = FullDuplexStream.CreatePair();
using (var inProcess = new DynLanguageServer(serverStream, serverStream))
{
    var run = inProcess.RunAsync();
    var heap = new List<(int Edits, long Bytes)>();
    await using (var client = new LspConnection(clientStream, clientStream))
    {
        await client.InitializeAsync();
        for (int version = 1; version <= edits + 1; version++)
        {
            await client.EditAsync(uri, BenchmarkFile.Text(Lines, version - 1), version);
            if ((version - 1) % 1000 == 0) heap.Add((version - 1, GC.GetTotalMemory(forceFullCollection: true)));
            if (version % 2000 == 0) Console.Error.WriteLine($"  in process: {version:N0} edits");
        }
    }
    Console.WriteLine("in-process server, managed heap after full GC (MB) after edits: " + string.Join(", ", heap.Select(h => $"{h.Edits:N0}: {h.Bytes / 1048576.0:F1}")));
    var later = heap.Where(h => h.Edits >= 1000).ToList();
    if (later.Count >= 2)
    {
        long growth = later[^1].Bytes - later[0].Bytes;
        Console.WriteLine($"heap growth from {later[0].Edits:N0} to {later[^1].Edits:N0} edits: {growth / 1024.0:F1} KB ({growth / (double)(later[^1].Edits - later[0].Edits):F1} bytes per edit)");
    }
}

static void Report(string what, List<double> ms)
{
    var sorted = ms.OrderBy(x => x).ToList();
    double Q(double q) => sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    Console.WriteLine($"{what}: median {Q(0.5):F1} ms, p90 {Q(0.9):F1} ms, p99 {Q(0.99):F1} ms, max {sorted[^1]:F1} ms (n = {sorted.Count:N0})");
}
