// `dotnet run -c Release --project benchmarks/CubaBenchmark -- delivery [neurons] [workers] [steps] [inline]`:
// the cost of CUBA's spike delivery alone, in ns per synaptic event, at a scale where it matters
// (default 200,000 neurons, 80 synapses each: 16 M synapses). The network is CUBA with fixed
// out-degree random connectivity (CUBA's 2% of 4000 = 80 targets per neuron, 80% excitatory);
// probes around the synapse objects time the Synapses phase and count the events (spikes × 80).
// The pool of the run has `workers` workers (0: one thread; -1: WorkerPool.Shared, which the 200k-neuron
// population steps on as well, so no second set of threads competes for the cores); `inline` keeps the slices of that pool
// on the calling thread (the cost of slicing without the threads). Not a test: run it by hand.
using System.Diagnostics;
using CubaBenchmark;
using DynLang.Runtime;

internal static class DeliveryTiming
{
    private const int OutDegree = 80;

    public static int Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0]) : 200_000;
        int workers = args.Length > 1 ? int.Parse(args[1]) : 0;
        int steps = args.Length > 2 ? int.Parse(args[2]) : 1000;
        bool inline = args.Length > 3 && args[3] == "inline"; // the pool's slices, all on the calling thread
        int excitatory = n * 4 / 5;

        var build = Stopwatch.StartNew();
        var neurons = new CubaPopulation(n);
        var rng = new Random(1);
        for (int i = 0; i < n; i++) neurons.v[i] = -60e-3 + 10e-3 * rng.NextDouble();
        // Fixed out-degree, random targets (no self connections), i-major: Brian2's order of ids.
        Connectivity Pathway(int first, int end, string name)
        {
            var pre = new int[(end - first) * OutDegree];
            var post = new int[pre.Length];
            int s = 0;
            for (int i = first; i < end; i++)
                for (int k = 0; k < OutDegree; k++)
                {
                    int j = rng.Next(n - 1);
                    pre[s] = i;
                    post[s++] = j >= i ? j + 1 : j;
                }
            return Connectivity.FromIndices(pre, post, n, n, name);
        }
        var ce = Pathway(0, excitatory, "Ce");
        var ci = Pathway(excitatory, n, "Ci");
        var clock = new DeliveryClock(neurons);
        var exc = new CubaExcitatorySynapses(neurons, neurons, ce);
        var inh = new CubaInhibitorySynapses(neurons, neurons, ci);
        if (inline)
            foreach (IParallelLoops loops in new IParallelLoops[] { exc, inh }) loops.ParallelThresholdNanoseconds = double.PositiveInfinity;
        var network = new Network(1e-4).Add(neurons, clock.Start, exc, inh, clock.Stop);
        Console.WriteLine($"{n} neurons, {ce.Count + ci.Count} synapses, built in {build.Elapsed.TotalSeconds:F1} s; pool of {(workers < 0 ? WorkerPool.Shared.WorkerCount + " (shared)" : workers)} workers{(inline ? ", slices run inline" : "")}");

        // workers < 0: WorkerPool.Shared, the pool the populations' steps use too (no second set of threads).
        using var pool = workers < 0 ? null : new WorkerPool(workers);
        using var _ = WorkerPool.Use(pool ?? WorkerPool.Shared);
        network.Run(200 * 1e-4); // warm-up: JIT, buffers, the initial burst
        var results = new List<double>();
        for (int r = 0; r < 5; r++)
        {
            clock.Clear();
            network.Run(steps * 1e-4);
            results.Add(clock.Ticks * 1e9 / Stopwatch.Frequency / clock.Events);
            Console.WriteLine($"  run {r}: {clock.Events / (double)steps:F0} events/step, delivery {clock.Ticks * 1e6 / Stopwatch.Frequency / steps:F1} us/step, {results[^1]:F2} ns/event");
        }
        results.Sort();
        Console.WriteLine($"median {results[2]:F2} ns/event, best {results[0]:F2}");
        return 0;
    }

    /// <summary>Two probes around the synapse objects in the Synapses phase: the time between them and the events of the step.</summary>
    private sealed class DeliveryClock(ISpikeSource neurons)
    {
        private long _started;

        public long Ticks { get; private set; }
        public long Events { get; private set; }

        public INetworkObject Start => new Probe("delivery start", () =>
        {
            Events += (long)neurons.SpikesThisStep.Length * OutDegree;
            _started = Stopwatch.GetTimestamp();
        });

        public INetworkObject Stop => new Probe("delivery stop", () => Ticks += Stopwatch.GetTimestamp() - _started);

        public void Clear() => (Ticks, Events) = (0, 0);
    }

    private sealed class Probe(string name, Action action) : INetworkObject
    {
        public string Name => name;
        public void Prepare(double dt) { }
        public void Run(NetworkPhase phase, NetworkClock clock)
        {
            if (phase == NetworkPhase.Synapses) action();
        }
    }
}
