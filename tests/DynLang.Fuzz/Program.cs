using System.Diagnostics;
using DynLang.Core.Tests.Fuzz;
using SharpFuzz;

namespace DynLang.Fuzz;

/// <summary>
/// Entry point. Without arguments: the afl++ target (SharpFuzz out-of-process mode, so a stack
/// overflow or a timeout kills only the child and afl goes on). <c>replay PATH...</c>: runs the
/// target on files or folders and prints one verdict a file (exit 1 if any failed).
/// <c>mutate COUNT SEED CORPUS OUT</c>: the fallback without afl, in-process, coverage-less, with the
/// unit tests' grammar-aware mutator; failing inputs are written to OUT.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var memory = new MemoryStream();
                stream.CopyTo(memory);
                FuzzTarget.Run(FuzzTarget.Decode(memory.ToArray()));
            });
            return 0;
        }
        // Outside afl the instrumented DynLang.Core.dll still writes its coverage: give it a map.
        unsafe { SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.Marshal.AllocHGlobal(1 << 16); }
        return args[0] switch
        {
            "replay" => Replay(args.Skip(1)),
            "mutate" when args.Length == 5 => Mutate(long.Parse(args[1]), int.Parse(args[2]), args[3], args[4]),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: DynLang.Fuzz                            (afl++ target, input on stdin)\n" +
                                "       DynLang.Fuzz replay FILE|DIR...         (verdict per file)\n" +
                                "       DynLang.Fuzz mutate COUNT SEED CORPUS OUT (in-process mutation loop)");
        return 2;
    }

    private static IEnumerable<string> Files(IEnumerable<string> paths) =>
        paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p).Where(f => !System.IO.Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".txt")).Order(StringComparer.Ordinal)
            : new[] { p });

    private static int Replay(IEnumerable<string> paths)
    {
        // DL0900 carries only the exception's message: keep where the last exception was thrown
        // (the handler runs on the throwing thread, so its stack is the thrower's).
        // (the handler runs on the throwing thread, so its stack is the thrower's). The compiler may
        // throw and catch others on the way: the one matching the DL0900's "Type: message" is shown.
        var thrown = new List<(string Key, string Where)>();
        AppDomain.CurrentDomain.FirstChanceException += (_, e) =>
        {
            if (e.Exception is FuzzFailure) return;
            var frames = new StackTrace(1, false).GetFrames()
                .Select(f => f.GetMethod())
                .Where(m => m?.DeclaringType?.FullName?.StartsWith("DynLang.Core.", StringComparison.Ordinal) == true)
                .Select(m => $"{m!.DeclaringType!.FullName}.{m.Name}")
                .Take(16);
            lock (thrown)
                thrown.Add(($"{e.Exception.GetType().Name}: {e.Exception.Message}",
                    $"{e.Exception.GetType().Name} thrown at:\n" + string.Join("\n", frames.Select(f => "      " + f))));
        };
        int failed = 0, count = 0;
        foreach (var file in Files(paths))
        {
            count++;
            var watch = Stopwatch.StartNew();
            lock (thrown) thrown.Clear();
            try
            {
                var result = FuzzTarget.Run(FuzzTarget.Decode(File.ReadAllBytes(file)));
                Console.WriteLine($"ok    {file} ({watch.ElapsedMilliseconds} ms, {result.Diagnostics.Count} diagnostics, {result.Files.Count} files)");
                foreach (var diagnostic in result.Diagnostics.Take(3)) Console.WriteLine($"      {diagnostic}");
            }
            catch (FuzzFailure e)
            {
                failed++;
                Console.WriteLine($"FAIL  {file}: {e.Message}");
                if (e.InnerException is { } inner) Console.WriteLine(Frames(inner));
                else if (e.Message.Contains("DL0900"))
                    lock (thrown)
                        foreach (var (key, where) in Enumerable.Reverse(thrown))
                            if (e.Message.Contains(key, StringComparison.Ordinal)) { Console.WriteLine("      " + where); break; }
            }
        }
        Console.WriteLine($"{count} inputs, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static string Frames(Exception e) =>
        string.Join("\n", (e.StackTrace ?? "").Split('\n').Take(8).Select(l => "      " + l.Trim()));

    private static readonly System.Text.UTF8Encoding Utf8 = new(false, false);

    private static int Mutate(long count, int seed, string corpusDir, string outDir)
    {
        var corpus = Files(new[] { corpusDir }).Select(f => FuzzTarget.Decode(File.ReadAllBytes(f))).ToArray();
        var mutator = new InputMutator(seed);
        Directory.CreateDirectory(outDir);
        long done = 0;
        int failures = 0;
        string current = "";
        var watch = Stopwatch.StartNew();
        // A hang cannot be interrupted in-process: a watchdog saves the input and ends the process.
        long lastDone = -1;
        var watchdog = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(30_000);
                long now = Interlocked.Read(ref done);
                if (now == lastDone)
                {
                    File.WriteAllText(System.IO.Path.Combine(outDir, $"hang-{seed}-{now}.dyn"), current, Utf8);
                    Console.WriteLine($"HANG  input #{now} ran over 30 s; saved");
                    Environment.Exit(3);
                }
                lastDone = now;
            }
        }) { IsBackground = true };
        watchdog.Start();
        for (long n = 0; n < count; n++)
        {
            string input = n % 10 == 9 ? mutator.TokenSoup() : mutator.Mutate(corpus[n % corpus.Length]);
            // Round trip through UTF-8 (a lone surrogate becomes U+FFFD): a saved file reproduces exactly.
            input = FuzzTarget.Decode(Utf8.GetBytes(input));
            current = input;
            // A stack overflow ends the process: the input is written first, deleted when it passes.
            string pending = System.IO.Path.Combine(outDir, $"current-{seed}.dyn");
            File.WriteAllText(pending, input, Utf8);
            try { FuzzTarget.Run(input); }
            catch (FuzzFailure e)
            {
                failures++;
                File.WriteAllText(System.IO.Path.Combine(outDir, $"crash-{seed}-{n}.dyn"), input, Utf8);
                Console.WriteLine($"FAIL  input #{n}: {e.Message}");
            }
            Interlocked.Increment(ref done);
            if ((n + 1) % 10_000 == 0)
                Console.WriteLine($"{n + 1} inputs, {(n + 1) / watch.Elapsed.TotalSeconds:F0}/s, {failures} failures");
        }
        File.Delete(System.IO.Path.Combine(outDir, $"current-{seed}.dyn"));
        Console.WriteLine($"{count} inputs in {watch.Elapsed.TotalSeconds:F0} s, {failures} failures");
        return failures == 0 ? 0 : 1;
    }
}
