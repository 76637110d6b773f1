using System.Globalization;
using DynLang.Distributed;
using DynLang.Distributed.Scenarios;

// mpiexec.mpich -n N dotnet DynLang.Distributed.Scenarios.dll <scenario> [duration_s]
//   cuba     CUBA from Brian2's state over N ranks; rank 0 also runs it in one process and compares
//   plastic  the recurrent STDP network with delays, likewise
//   fail     cuba, with rank 1 throwing at step 300: every rank must exit non-zero naming rank 1
//   die      cuba, with rank 1 exiting abruptly at step 300 (mpiexec must end the others)
//   hang     cuba, with rank 1 hanging at step 300 (the watchdog must abort; set DYNLANG_EXCHANGE_TIMEOUT_S)
//   disagree cuba, with rank 1 reading a copy of the connectivity files in which one synapse differs:
//            every rank must refuse them before the run, naming the ranks and files
// Prints "PASS ..." or "FAIL ..." lines on rank 0; the exit code is 0 only when the scenario passed.
string scenario = args.Length > 0 ? args[0] : "cuba";
double duration = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.1;
using var comm = MpiCommunicator.Start(ref args);
Console.WriteLine($"rank {comm.Rank} of {comm.Size}: pid {Environment.ProcessId} ({comm.Description})");
string data = Path.Combine(AppContext.BaseDirectory, "data", "cuba");
try
{
    ScenarioResult distributed, single;
    switch (scenario)
    {
        case "cuba":
            distributed = CubaScenario.Run(comm, duration, data);
            single = comm.Rank == 0 ? CubaScenario.Run(null, duration, data) : distributed;
            break;
        case "plastic":
            distributed = PlasticScenario.Run(comm, duration);
            single = comm.Rank == 0 ? PlasticScenario.Run(null, duration) : distributed;
            break;
        case "fail":
            CubaScenario.Run(comm, duration, data, failOnRank: 1, failAtStep: 300);
            Console.WriteLine($"rank {comm.Rank}: FAIL the run ended normally although rank 1 failed");
            return 1;
        case "die":
        case "hang":
            CubaScenario.Run(comm, duration, data, failOnRank: 1, failAtStep: 300, failure: scenario == "die" ? "exit" : "hang");
            Console.WriteLine($"rank {comm.Rank}: FAIL the run ended normally although rank 1 stopped");
            return 1;
        case "disagree":
            string files = comm.Rank == 1 ? AlteredCopy(data) : data;
            try { CubaScenario.Run(comm, duration, files); }
            finally { if (files != data) Directory.Delete(files, recursive: true); }
            Console.WriteLine($"rank {comm.Rank}: FAIL the run started although rank 1's files differ");
            return 1;
        default:
            Console.Error.WriteLine($"unknown scenario '{scenario}'");
            return 2;
    }
    if (comm.Rank != 0) return 0;
    string? difference = distributed.FirstDifference(single);
    var x = distributed.Exchange!.Value;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"rank 0: {scenario}, {comm.Size} ranks: {distributed.Spikes.Count} spikes, exchange every {distributed.ExchangeIntervalSteps} steps, {x.Exchanges} exchanges, {x.BytesSent} bytes sent"));
    Console.WriteLine(difference is null
        ? $"PASS {scenario} on {comm.Size} ranks: identical to one process ({single.Spikes.Count} spikes, {single.Values.Count} state arrays bit for bit)"
        : $"FAIL {scenario} on {comm.Size} ranks: {difference}");
    return difference is null ? 0 : 1;
}
catch (Exception e)
{
    Console.WriteLine($"rank {comm.Rank}: stopped: {e.GetType().Name}: {e.Message}");
    return 3;
}

// A copy of the CUBA data whose Ce_j.npy has one postsynaptic index changed (the file's last entry).
static string AlteredCopy(string data)
{
    string copy = Path.Combine(Path.GetTempPath(), $"dynlang-disagree-{Environment.ProcessId}");
    Directory.CreateDirectory(copy);
    foreach (var file in Directory.GetFiles(data)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)), overwrite: true);
    byte[] bytes = File.ReadAllBytes(Path.Combine(copy, "Ce_j.npy"));
    int last = BitConverter.ToInt32(bytes, bytes.Length - 4);
    BitConverter.GetBytes((last + 1) % 4000).CopyTo(bytes, bytes.Length - 4);
    File.WriteAllBytes(Path.Combine(copy, "Ce_j.npy"), bytes);
    return copy;
}
