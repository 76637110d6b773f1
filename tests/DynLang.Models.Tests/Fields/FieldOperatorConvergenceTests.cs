namespace DynLang.Models.Tests.Fields;

/// <summary>
/// Measured convergence orders of the field operators (Models/Fields/Operators.dyn) on smooth
/// periodic solutions over the unit interval/square, dx = 1/N: the error at a fixed time for N
/// and 2N gives the order log2(e_N / e_2N). Time steps shrink with dx (dt ∝ dx for advection,
/// dt ∝ dx² for diffusion) and rk4's own error is far below the spatial one (stated per test),
/// so the measured order is the stencil's.
/// </summary>
public sealed class FieldOperatorConvergenceTests
{
    private const double TwoPi = 2 * Math.PI;

    /// <summary>
    /// Error of u(x, T) = sin(2π(x − cT)) after advecting sin(2πx) to T = 0.5 with CFL 0.25.
    /// rk4's phase error per unit time, (ω·dt)⁴/120 with ω = 2π, is below 4e-6 relative of the
    /// spatial one at every N used (second order: (k·dx)²/6; fourth: (k·dx)⁴/30).
    /// </summary>
    private static double AdvectionError1D(int n, int order, double c = 1)
    {
        double dx = 1.0 / n, dt = 0.25 * dx, T = 0.5;
        int steps = (int)Math.Round(T / dt);
        Span<double> u;
        Action step;
        if (order == 2)
        {
            var f = new AdvectCentralField(n, new AdvectCentralParameters { c = c, dx = dx });
            Fill(f.u, n, x => Math.Sin(TwoPi * x));
            step = () => f.Step(dt);
            for (int s = 0; s < steps; s++) step();
            u = f.u;
        }
        else
        {
            var f = new AdvectCentral4Field(n, new AdvectCentral4Parameters { c = c, dx = dx });
            Fill(f.u, n, x => Math.Sin(TwoPi * x));
            for (int s = 0; s < steps; s++) f.Step(dt);
            u = f.u;
        }
        return MaxError(u, n, x => Math.Sin(TwoPi * (x - c * steps * dt)));
    }

    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(2, -0.7)]
    [InlineData(4, 1.0)]
    [InlineData(4, -0.7)]
    public void Central_first_derivative_converges_at_its_order(int order, double c)
    {
        double e32 = AdvectionError1D(32, order, c), e64 = AdvectionError1D(64, order, c), e128 = AdvectionError1D(128, order, c);
        // The next term of the truncation error is (k·dx)² smaller than the leading one: at N = 64
        // that moves the measured order by less than 0.02; 0.1 leaves room and still tells 2 from 4.
        AssertOrder(order, e32, e64, 0.15);
        AssertOrder(order, e64, e128, 0.1);
    }

    [Fact]
    public void Central_derivatives_along_x_and_y_converge_at_second_order()
    {
        double Error(int n)
        {
            double dx = 1.0 / n, dt = 0.25 * dx, T = 0.5;
            int steps = (int)Math.Round(T / dt);
            var f = new AdvectCentral2DField(n, n, new AdvectCentral2DParameters { cx = 1, cy = 0.5, dx = dx });
            for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) f.uAt(x, y) = Math.Sin(TwoPi * (x + y) * dx) + Math.Cos(TwoPi * y * dx);
            for (int s = 0; s < steps; s++) f.Step(dt);
            double t = steps * dt, max = 0;
            for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
            {
                double exact = Math.Sin(TwoPi * ((x * dx - t) + (y * dx - 0.5 * t))) + Math.Cos(TwoPi * (y * dx - 0.5 * t));
                max = Math.Max(max, Math.Abs(f.uAt(x, y) - exact));
            }
            return max;
        }
        // Same bound as in 1D: the x and y errors are each second order.
        AssertOrder(2, Error(32), Error(64), 0.1);
    }

    /// <summary>First-order upwind, euler, CFL 0.5: the scheme's error is numerical diffusion (|c|·dx/2)(1 − CFL)·u_xx, first order.</summary>
    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void Upwind_converges_at_first_order_for_either_sign_of_the_velocity(double c)
    {
        double Error(int n)
        {
            double dx = 1.0 / n, dt = 0.5 * dx / Math.Abs(c), T = 0.5;
            int steps = (int)Math.Round(T / dt);
            var f = new AdvectUpwindField(n, new AdvectUpwindParameters { c = c, dx = dx });
            Fill(f.u, n, x => Math.Sin(TwoPi * x));
            for (int s = 0; s < steps; s++) f.Step(dt);
            return MaxError(f.u, n, x => Math.Sin(TwoPi * (x - c * steps * dt)));
        }
        // The error saturates towards the amplitude at coarse N; from N = 128 on, its second-order part
        // is below 3% of the first-order one, so the order lies within 0.1 of 1.
        AssertOrder(1, Error(128), Error(256), 0.1);
    }

    [Fact]
    public void Upwind_takes_the_side_the_flow_comes_from_per_cell()
    {
        // A step of height 1 moved one cell by CFL 1 is exact for upwind: u_i ← u_{i−1} (c > 0) or u_{i+1} (c < 0).
        foreach (double c in new[] { 1.0, -1.0 })
        {
            var f = new AdvectUpwindField(16, new AdvectUpwindParameters { c = c, dx = 1 });
            for (int i = 4; i < 8; i++) f.u[i] = 1;
            f.Step(1.0);
            for (int i = 0; i < 16; i++)
            {
                double expected = c > 0 ? (i is >= 5 and < 9 ? 1 : 0) : (i is >= 3 and < 7 ? 1 : 0);
                Assert.Equal(expected, f.u[i]);
            }
        }
    }

    [Fact]
    public void Upwind_along_y_takes_the_side_of_the_velocity_along_y()
    {
        // cx = 1, cy = −0.5, CFL 1 along x and 0.5 along y: one cell set to 1 goes to x + 1 (all of it
        // along x) and half of it to y − 1 (the flow along y is negative, so it comes from y + 1).
        var f = new AdvectUpwind2DField(8, 8, new AdvectUpwind2DParameters { cx = 1, cy = -0.5, dx = 1 });
        f.uAt(3, 3) = 1;
        f.Step(1.0);
        // u(3,3) loses 1·1 (x) + 0.5·1 (y) and gains nothing: 1 − 1 − 0.5 = −0.5. u(4,3) gains 1 (from x − 1).
        // u(3,2) gains 0.5 (its neighbour above, y + 1, flows down into it).
        Assert.Equal(-0.5, f.uAt(3, 3));
        Assert.Equal(1.0, f.uAt(4, 3));
        Assert.Equal(0.5, f.uAt(3, 2));
        Assert.Equal(0.0, f.uAt(3, 4));
        Assert.Equal(0.0, f.uAt(2, 3));
    }

    /// <summary>
    /// sin(2πx) under du/dt = Δu to T = 0.01: exact e^(−4π²T)·sin. dt = 0.1·dx², so rk4's error
    /// ((λ·dt)⁵/120 per step, λ = 4π²) is ~1e-12 of the solution, far below the spatial error
    /// (k²·(k·dx)⁴/90·T ≈ 1e-4 at N = 16).
    /// </summary>
    [Fact]
    public void Fourth_order_laplacian_converges_at_fourth_order()
    {
        double Error(int n)
        {
            double dx = 1.0 / n, dt = 0.1 * dx * dx, T = 0.01;
            int steps = (int)Math.Round(T / dt);
            var f = new HeatOrder4Field(n, new HeatOrder4Parameters { D = 1, dx = dx });
            Fill(f.u, n, x => Math.Sin(TwoPi * x));
            for (int s = 0; s < steps; s++) f.Step(dt);
            double decay = Math.Exp(-TwoPi * TwoPi * steps * dt);
            return MaxError(f.u, n, x => decay * Math.Sin(TwoPi * x));
        }
        // As for the first derivative: the next term is (k·dx)² smaller; 0.15 at N = 16 → 32.
        AssertOrder(4, Error(16), Error(32), 0.15);
    }

    [Fact]
    public void Fourth_order_laplacian_in_2D_converges_at_fourth_order()
    {
        double Error(int n)
        {
            double dx = 1.0 / n, dt = 0.05 * dx * dx, T = 0.005;
            int steps = (int)Math.Round(T / dt);
            var f = new HeatOrder4PlaneField(n, n, new HeatOrder4PlaneParameters { D = 1, dx = dx });
            for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++) f.uAt(x, y) = Math.Sin(TwoPi * x * dx) * Math.Cos(TwoPi * 2 * y * dx);
            for (int s = 0; s < steps; s++) f.Step(dt);
            double decay = Math.Exp(-5 * TwoPi * TwoPi * steps * dt), max = 0;
            for (int y = 0; y < n; y++)
            for (int x = 0; x < n; x++)
                max = Math.Max(max, Math.Abs(f.uAt(x, y) - decay * Math.Sin(TwoPi * x * dx) * Math.Cos(TwoPi * 2 * y * dx)));
            return max;
        }
        AssertOrder(4, Error(16), Error(32), 0.2); // k·dx along y is twice that along x: a larger next term
    }

    [Fact]
    public void Fourth_order_with_no_flux_walls_conserves_the_total()
    {
        // The mirror at cell-centred walls keeps the fourth-order stencil's weights symmetric, so what
        // leaves one cell enters another: only rounding moves the total (a box of ones, total 16).
        var f = new HeatOrder4WallsField(64);
        for (int i = 0; i < 16; i++) f.u[i] = 1;
        for (int s = 0; s < 20000; s++) f.Step(1.0);
        double drift = ExactSum.Of(f.u) - 16;
        // 20,000 steps × 64 cells of half-ulp roundings (values ≤ 1) as a random walk: ~ sqrt(1.28e6)·1.1e-16 ≈ 1.3e-13;
        // 1e-12 allows that; a stencil whose weights did not cancel at the wall would move it by ~1e-3 per step.
        Assert.True(Math.Abs(drift) < 1e-12, $"drift {drift:R}");
        Assert.True(f.u[63] > 0.2, $"the box has spread to the far wall (mean 0.25): {f.u[63]}");
    }

    private static void AssertOrder(int expected, double coarse, double fine, double tolerance)
    {
        double measured = Math.Log2(coarse / fine);
        Assert.True(Math.Abs(measured - expected) <= tolerance, $"measured order {measured:F3} (errors {coarse:G3}, {fine:G3}), expected {expected} ± {tolerance}");
    }

    private static void Fill(Span<double> u, int n, Func<double, double> f)
    {
        for (int i = 0; i < n; i++) u[i] = f((double)i / n);
    }

    private static double MaxError(ReadOnlySpan<double> u, int n, Func<double, double> exact)
    {
        double max = 0;
        for (int i = 0; i < n; i++) max = Math.Max(max, Math.Abs(u[i] - exact((double)i / n)));
        return max;
    }
}
