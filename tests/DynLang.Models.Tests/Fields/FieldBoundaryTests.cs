namespace DynLang.Models.Tests.Fields;

/// <summary>
/// Boundaries: no-flux walls conserve the total like periodic ones; Dirichlet ends hold the
/// value outside the grid, so the steady state is the straight line through the two outside
/// cells (cell-centred: the value 1 sits at i = −1 and 0 at i = N).
/// </summary>
public sealed class FieldBoundaryTests
{
    /// <summary>See HeatReferenceTests: rounding drifts the total by a few ulp, nothing leaks.</summary>
    private const int MassDriftUlps = 8;

    [Fact]
    public void Neumann_1d_conserves_the_total()
    {
        var f = new HeatNeumann1DField(100);
        for (int i = 0; i < 30; i++) f.u[i] = 1.0; // against the left wall
        double before = ExactSum.Of(f.u);
        for (int s = 0; s < 5000; s++) f.Step(1.0);
        double drift = ExactSum.Of(f.u) - before;
        Assert.True(Math.Abs(drift) <= MassDriftUlps * ExactSum.Ulp(before), $"drift {drift:R}");
        // The heat has reached the far wall (diffusion length sqrt(2·D·t) = 50 cells), below the final mean 0.3.
        Assert.InRange(f.u[99], 0.1, 0.3);
    }

    [Fact]
    public void Mixed_2d_periodic_x_and_neumann_y_conserves_the_total()
    {
        var f = new Heat2DMixedField(37, 23);
        for (int y = 0; y < 5; y++) for (int x = 30; x < 37; x++) f.uAt(x, y) = 1.0; // a corner: wraps in x, walls in y
        double before = ExactSum.Of(f.u);
        for (int s = 0; s < 2000; s++) f.Step(1.0);
        double drift = ExactSum.Of(f.u) - before;
        Assert.True(Math.Abs(drift) <= MassDriftUlps * ExactSum.Ulp(before), $"drift {drift:R}");
        Assert.True(f.uAt(3, 0) > 0.01, "heat wrapped around x");
    }

    [Fact]
    public void Neumann_3d_conserves_the_total()
    {
        var f = new Heat3DField(9, 7, 6);
        f.u[0] = 100.0; // a corner cell
        double before = ExactSum.Of(f.u);
        for (int s = 0; s < 500; s++) f.Step(1.0);
        double drift = ExactSum.Of(f.u) - before;
        Assert.True(Math.Abs(drift) <= MassDriftUlps * ExactSum.Ulp(before), $"drift {drift:R}");
        Assert.True(f.u[f.CellCount - 1] > 0.1, "heat reached the opposite corner");
    }

    [Fact]
    public void Dirichlet_ends_give_the_linear_steady_state()
    {
        const int n = 16;
        var f = new HeatDirichlet1DField(n);
        // Slowest mode decays by 1 − 4r·sin²(π/(2(n+1))) ≈ 0.9915 per step: after 20,000 steps it is gone.
        for (int s = 0; s < 20000; s++) f.Step(1.0);
        for (int i = 0; i < n; i++)
            Assert.Equal(1.0 - (i + 1.0) / (n + 1.0), f.u[i], 1e-12);
    }
}
