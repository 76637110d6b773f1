namespace DynLang.Models.Tests.Fields;

/// <summary>
/// Solvers and dimensions: a sine mode of the discrete laplacian is an eigenvector with
/// eigenvalue λ = −(4D/dx²)·sin²(πm/N) along its axis, so each solver multiplies it by its
/// stability polynomial of z = λ·dt per step: euler 1 + z, rk2 1 + z + z²/2, rk4 1 + z + z²/2 + z³/6 + z⁴/24.
/// The mode runs along x or y on a rectangular grid (so rows and columns are not confused), with
/// the edge cells (read through the boundary map) and the SIMD interior in every row.
/// </summary>
public sealed class FieldSolverTests
{
    private const int Nx = 48, Ny = 20, Steps = 100;

    /// <summary>
    /// Absolute: rounding adds at most ~2.2e-16·1.5 per step to a cell (values ≤ 1.5), 3.3e-14 over 100 steps;
    /// the amplitudes range from 1.8e-4 (euler along y) to 0.5, and a wrong solver polynomial is off by ≥ 1e-6.
    /// </summary>
    private const double Tolerance = 1e-13;

    public static TheoryData<string, bool> Cases => new()
    {
        { "euler", true }, { "euler", false }, { "rk2", true }, { "rk2", false }, { "rk4", true }, { "rk4", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sine_mode_decays_by_the_solver_polynomial(string solver, bool alongX)
    {
        const double dt = 0.2, d = 1.0;
        int n = alongX ? Nx : Ny, m = 2;
        var u = new double[Nx * Ny];
        for (int y = 0; y < Ny; y++)
        for (int x = 0; x < Nx; x++)
            u[y * Nx + x] = 1.0 + 0.5 * Math.Sin(2 * Math.PI * m * (alongX ? x : y) / n);
        double z = -4 * d * Math.Pow(Math.Sin(Math.PI * m / n), 2) * dt;
        double g = solver switch
        {
            "euler" => 1 + z,
            "rk2" => 1 + z + z * z / 2,
            _ => 1 + z + z * z / 2 + z * z * z / 6 + z * z * z * z / 24,
        };
        var final = Run(solver, u, dt);
        for (int line = 0; line < (alongX ? Ny : Nx); line += 7)
        {
            double amplitude = 0;
            for (int i = 0; i < n; i++)
                amplitude += final[alongX ? line * Nx + i : i * Nx + line] * Math.Sin(2 * Math.PI * m * i / n);
            amplitude *= 2.0 / n;
            double expected = 0.5 * Math.Pow(g, Steps);
            Assert.True(Math.Abs(amplitude - expected) < Tolerance, $"{solver}, line {line}: amplitude {amplitude:R}, expected {expected:R}");
        }
    }

    private static double[] Run(string solver, double[] initial, double dt)
    {
        switch (solver)
        {
            case "euler":
            {
                var f = new Heat2DEulerField(Nx, Ny);
                initial.CopyTo(f.u);
                for (int s = 0; s < Steps; s++) f.Step(dt);
                return f.u.ToArray();
            }
            case "rk2":
            {
                var f = new Heat2DRk2Field(Nx, Ny);
                initial.CopyTo(f.u);
                for (int s = 0; s < Steps; s++) f.Step(dt);
                return f.u.ToArray();
            }
            default:
            {
                var f = new Heat2DRk4Field(Nx, Ny);
                initial.CopyTo(f.u);
                for (int s = 0; s < Steps; s++) f.Step(dt);
                return f.u.ToArray();
            }
        }
    }

    [Fact]
    public void Time_and_step_index_advance_and_reset_restores_the_initial_field()
    {
        var f = new Heat2DRk4Field(8, 8);
        f.uAt(3, 4) = 1;
        f.Step(0.1);
        f.Step(0.1);
        Assert.Equal(2, f.StepIndex);
        Assert.Equal(0.2, f.Time, 1e-15);
        Assert.NotEqual(0.0, f.uAt(3, 3)); // the spike spread to its neighbour along y
        f.Reset();
        Assert.Equal(0, f.StepIndex);
        Assert.All(f.u.ToArray(), value => Assert.Equal(0.0, value));
    }
}
