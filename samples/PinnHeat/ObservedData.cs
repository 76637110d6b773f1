using static TorchSharp.torch;

namespace Samples;

/// <summary>
/// Sparse noisy observations for the inverse problem: <c>count</c> distinct (cell, snapshot) pairs
/// drawn from the stencil's grid (cell i at x = (i+1)·dx, snapshot k at t = k·every), valued by the
/// exact solution at the true D plus Gaussian noise. On grid points so that both fits use exactly
/// the same numbers: the PINN at their (t, x), the stencil by picking those cells of those snapshots.
/// </summary>
internal sealed class ObservedData
{
    private ObservedData(long[] cell, long[] snapshot, double[] t, double[] x, double[] u)
    {
        Cell = cell;
        Snapshot = snapshot;
        T = tensor(t, ScalarType.Float64).reshape(-1, 1);
        X = tensor(x, ScalarType.Float64).reshape(-1, 1);
        U = tensor(u, ScalarType.Float64).reshape(-1, 1);
    }

    /// <summary>Grid indices of each observation (for the stencil fit).</summary>
    public long[] Cell { get; }
    public long[] Snapshot { get; }

    /// <summary>Coordinates and values as column vectors [n, 1] (for the PINN).</summary>
    public Tensor T { get; }
    public Tensor X { get; }
    public Tensor U { get; }

    /// <param name="sigma">Noise standard deviation (absolute; the solution's peak is 1).</param>
    public static ObservedData Draw(HeatProblem problem, int cells, double dx, int snapshots, double every, int count, double sigma, int seed)
    {
        if (count > cells * snapshots) throw new ArgumentOutOfRangeException(nameof(count), count, $"at most {cells * snapshots} grid points");
        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        // A random subset without replacement: the first `count` of a shuffled list of all pairs.
        var pairs = Enumerable.Range(0, cells * snapshots).ToArray();
        random.Shuffle(pairs);
        var chosen = pairs.Take(count).ToArray();
        var cell = chosen.Select(p => (long)(p % cells)).ToArray();
        var snapshot = chosen.Select(p => (long)(p / cells)).ToArray();
        var t = snapshot.Select(k => (k + 1) * every).ToArray();
        var x = cell.Select(i => (i + 1) * dx).ToArray();
        var u = t.Zip(x, (ti, xi) => problem.Exact(ti, xi) + sigma * Gaussian()).ToArray();
        return new ObservedData(cell, snapshot, t, x, u);
    }
}
