using System.Globalization;
using System.Text.Json;
using DynLang.Runtime;

namespace GpuBenchmark;

/// <summary>
/// CUBA scaled to <see cref="Neurons"/> with a FIXED IN-DEGREE, as benchmarks/scaling/make_data.py
/// builds it (same rule, same file layout; other draws): every neuron receives 64 synapses from
/// distinct excitatory neurons (0 … 0.8N−1) and 16 from distinct inhibitory ones (0.8N … N−1),
/// self-connections allowed; CUBA's weights (we = 1.62 mV, wi = −9 mV, in Cuba.dyn); v uniform in
/// [Vr, Vt) = [−60, −50) mV, ge = gi = 0. Every draw is <see cref="CounterRng.Uniform"/>(seed,
/// stream, neuron, draw), so a size and a seed fix the network on any machine and at any thread count.
/// Synapses are stored sorted by pre, then post (Brian2's creation order, as make_data.py's).
/// </summary>
internal sealed class CubaData
{
    public const int InDegreeE = 64, InDegreeI = 16;
    private const ulong StreamV = 0, StreamE = 1, StreamI = 2;

    public required int Neurons { get; init; }
    public required double[] InitV { get; init; }
    public required int[] CeI { get; init; }
    public required int[] CeJ { get; init; }
    public required int[] CiI { get; init; }
    public required int[] CiJ { get; init; }
    public string Origin { get; init; } = "";

    public int Excitatory => (int)Math.Round(0.8 * Neurons);

    /// <summary>Synapses leaving each neuron (both pathways): the events one of its spikes causes.</summary>
    public int[] OutDegree()
    {
        var d = new int[Neurons];
        foreach (int i in CeI) d[i]++;
        foreach (int i in CiI) d[i]++;
        return d;
    }

    public static CubaData Generate(int n, ulong seed)
    {
        if (n < 100) throw new ArgumentOutOfRangeException(nameof(n), $"need at least 100 neurons, not {n}");
        int ne = (int)Math.Round(0.8 * n);
        var v = new double[n];
        Parallel.For(0, n, i => v[i] = -60e-3 + CounterRng.Uniform(seed, StreamV, i, 0) * 10e-3);
        var (ceI, ceJ) = Pathway(seed, StreamE, n, 0, ne, InDegreeE);
        var (ciI, ciJ) = Pathway(seed, StreamI, n, ne, n, InDegreeI);
        return new CubaData { Neurons = n, InitV = v, CeI = ceI, CeJ = ceJ, CiI = ciI, CiJ = ciJ, Origin = $"generated, seed {seed}" };
    }

    // k distinct inputs from [low, high) for every neuron (redrawing repeats), then a counting sort by pre.
    private static (int[] Pre, int[] Post) Pathway(ulong seed, ulong stream, int n, int low, int high, int k)
    {
        var rows = new int[(long)n * k];
        Parallel.For(0, n, j =>
        {
            var row = rows.AsSpan(j * k, k);
            long draw = 0;
            for (int m = 0; m < k;)
            {
                int pre = low + (int)(CounterRng.Uniform(seed, stream, j, draw++) * (high - low));
                if (!row[..m].Contains(pre)) row[m++] = pre;
            }
        });
        var start = new int[n + 1];
        foreach (int pre in rows) start[pre + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        var pres = new int[rows.Length];
        var posts = new int[rows.Length];
        for (int j = 0; j < n; j++)
            foreach (int pre in rows.AsSpan(j * k, k))
            {
                int at = start[pre]++;
                pres[at] = pre;
                posts[at] = j;
            }
        return (pres, posts);
    }

    /// <summary>Writes make_data.py's layout into <paramref name="dir"/> (meta.json last: its presence means the folder is complete).</summary>
    public void Save(string dir, ulong seed)
    {
        Directory.CreateDirectory(dir);
        File.Delete(Path.Combine(dir, "meta.json"));
        Npy.Write(Path.Combine(dir, "init_v.npy"), InitV);
        Npy.Write(Path.Combine(dir, "init_ge.npy"), new double[Neurons]);
        Npy.Write(Path.Combine(dir, "init_gi.npy"), new double[Neurons]);
        Npy.Write(Path.Combine(dir, "Ce_i.npy"), CeI);
        Npy.Write(Path.Combine(dir, "Ce_j.npy"), CeJ);
        Npy.Write(Path.Combine(dir, "Ci_i.npy"), CiI);
        Npy.Write(Path.Combine(dir, "Ci_j.npy"), CiJ);
        var meta = new
        {
            model = "cuba", format_version = 1, neurons = Neurons, excitatory = Excitatory, in_degree = InDegreeE + InDegreeI,
            in_degree_e = InDegreeE, in_degree_i = InDegreeI, seed, synapses_e = CeI.Length, synapses_i = CiI.Length,
            weights = "CUBA: we = 1.62 mV, wi = -9 mV (unchanged)", init = "v ~ U[-60, -50) mV, ge = gi = 0",
            generator = "GpuBenchmark make-data (CounterRng: Philox4x32-10)",
            date_utc = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        File.WriteAllText(Path.Combine(dir, "meta.json"), JsonSerializer.Serialize(meta, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads a folder written by <see cref="Save"/> or by make_data.py (ge and gi start at 0 here: both write zeros).</summary>
    public static CubaData Load(string dir)
    {
        if (!File.Exists(Path.Combine(dir, "meta.json"))) throw new FileNotFoundException($"{dir} has no meta.json (incomplete or not a CUBA data folder)");
        var v = Npy.ReadDoubles(Path.Combine(dir, "init_v.npy"));
        int[] Ints(string name) => Npy.ReadInt32(Path.Combine(dir, name + ".npy"));
        return new CubaData { Neurons = v.Length, InitV = v, CeI = Ints("Ce_i"), CeJ = Ints("Ce_j"), CiI = Ints("Ci_i"), CiJ = Ints("Ci_j"), Origin = $"read from {dir}" };
    }
}
