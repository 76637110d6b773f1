using TorchSharp;
using static TorchSharp.torch;
using Xunit.Abstractions;
using static DynLang.TorchSharp.Tests.PinnResiduals.PinnPoints;

namespace DynLang.TorchSharp.Tests.PinnResiduals;

/// <summary>
/// The residuals of {Model}Pinn (Models/PinnModels.dyn, float64) for every operator, every boundary
/// kind and 1D/2D/3D: an exact solution, written as a tensor function of the points (the "network"),
/// gives ~0 at random points; a wrong one gives the residual computed by hand here.
/// </summary>
public sealed class PinnResidualTests(ITestOutputHelper output)
{
    /// <summary>Asserts |residual| below the tolerance everywhere, and logs the largest (the measured residual).</summary>
    private void AssertNearZero(Tensor residual, string what)
    {
        double max = MaxAbs(residual);
        output.WriteLine($"{what}: max |residual| = {max:G3}");
        Assert.True(max < Tolerance, $"{what}: max |residual| {max:R}");
    }

    // Autograd evaluates the derivatives of these closed forms exactly in exact arithmetic; in
    // float64 each of the few dozen operations (sin, exp, products, sums of terms of size ≤ ~40)
    // rounds by ~1.1e-16 relative, so the error of a residual is ~1e-14·(1 + size). 1e-12·(1 + size)
    // is two orders above that and ten below what a wrong operator, sign or coefficient gives (O(0.01..1)
    // here), so the test can only pass with the right continuous form.
    private const double Tolerance = 1e-12;

    private const int N = 64;

    [Fact]
    public void Laplacian_1D_exact_solution_and_dirichlet_and_neumann_sides()
    {
        // T = exp(-D k² t) sin(kx) with k = π/2 on [0, 1]: 0 at x = 0 (dirichlet Tl = 0), zero slope at x = 1 (neumann).
        const double d = 0.5, k = Math.PI / 2;
        var pinn = new PinnHeat1Pinn(1.0);
        var random = new Random(1);
        Tensor Exact(Tensor t, Tensor x) => exp(t * (-d * k * k)) * sin(x * k);

        var t = Uniform(random, N, 0, 2);
        var x = Uniform(random, N, 0, 1);
        var residuals = pinn.Residuals(t, x, Exact(t, x));
        Assert.Single(residuals);
        AssertNearZero(residuals[0], "1D heat PDE");

        var tb = Uniform(random, N, 0, 2);
        var left = At(N, 0.0);
        var right = At(N, 1.0);
        AssertNearZero(pinn.BoundaryLeft(tb, left, Exact(tb, left))[0], "1D left dirichlet");
        AssertNearZero(pinn.BoundaryRight(tb, right, Exact(tb, right))[0], "1D right neumann");

        var t0 = zeros(N, 1, dtype: ScalarType.Float64);
        var x0 = Uniform(random, N, 0, 1);
        AssertNearZero(pinn.Initial(t0, x0, Exact(t0, x0), sin(x0 * k))[0], "1D initial");
        // Without given values, the declared initial value 0.25.
        AssertClose(pinn.Initial(t0, x0, Exact(t0, x0))[0], sin(x0 * k) - 0.25, Tolerance, "declared initial value");
    }

    [Fact]
    public void Laplacian_1D_wrong_solution_gives_the_analytic_residuals()
    {
        // T = x³ + t·x: ∂T/∂t = x, ∂²T/∂x² = 6x, so the residual is x − 6·D·x; D set through ParameterTensors.
        var pinn = new PinnHeat1Pinn(1.0);
        pinn.ParameterTensors.D = tensor(0.7, ScalarType.Float64);
        pinn.ParameterTensors.Tl = tensor(0.3, ScalarType.Float64);
        var random = new Random(2);
        Tensor Wrong(Tensor t, Tensor x) => x.pow(3) + t * x;

        var t = Uniform(random, N, 0, 2);
        var x = Uniform(random, N, 0, 1);
        AssertClose(pinn.Residuals(t, x, Wrong(t, x))[0], x - x * (6 * 0.7), Tolerance, "PDE");

        var tb = Uniform(random, N, 0, 2);
        // Left, dirichlet(Tl): T − Tl = 0 + 0 − 0.3. Right, neumann: the outward derivative 3x² + t at x = 1.
        var (left, right) = (At(N, 0.0), At(N, 1.0));
        AssertClose(pinn.BoundaryLeft(tb, left, Wrong(tb, left))[0], full(new long[] { N, 1 }, -0.3, dtype: ScalarType.Float64), Tolerance, "left");
        AssertClose(pinn.BoundaryRight(tb, right, Wrong(tb, right))[0], tb.detach() + 3.0, Tolerance, "right");
    }

    [Fact]
    public void Div_of_a_varying_coefficient_2D_wrong_solution_and_periodic_sides()
    {
        // K = D(1 + T²). With T = sin(x)cos(y)e^{-t}: ∂T/∂t = −T, ∇·(K∇T) = K·ΔT + ∇K·∇T
        // = D(1 + T²)(−2T) + 2DT|∇T|²; this T is periodic on [0, 2π]², so a true solution would be 0 there too.
        const double d = 0.3;
        var pinn = new PinnDiv2Pinn(2 * Math.PI, 2 * Math.PI);
        var random = new Random(3);
        var t = Uniform(random, N, 0, 1);
        var x = Uniform(random, N, 0, 2 * Math.PI);
        var y = Uniform(random, N, 0, 2 * Math.PI);
        var T = sin(x) * cos(y) * exp(-t);
        var residual = pinn.Residuals(t, x, y, T)[0];

        var (tv, xv, yv) = (t.detach(), x.detach(), y.detach());
        var Tv = sin(xv) * cos(yv) * exp(-tv);
        var gx = cos(xv) * cos(yv) * exp(-tv);
        var gy = -sin(xv) * sin(yv) * exp(-tv);
        var expected = -Tv - (d * (1 + Tv * Tv) * (-2 * Tv) + 2 * d * Tv * (gx * gx + gy * gy));
        AssertClose(residual, expected, Tolerance, "div(K*grad(T))");

        // Periodic along x: sin is periodic, so values and slopes agree (~0); x²·y is not: −4π²y and −4πy.
        var ty = Uniform(random, N, 0, 1);
        var yy = Uniform(random, N, 0, 2 * Math.PI);
        var (x0, x1) = (At(N, 0.0), At(N, 2 * Math.PI));
        var periodic = pinn.PeriodicX(ty, x0, yy, sin(x0) * cos(yy) * exp(-ty), ty, x1, yy, sin(x1) * cos(yy) * exp(-ty));
        Assert.Equal(2, periodic.Length);
        AssertNearZero(periodic[0], "2D periodic x values");
        AssertNearZero(periodic[1], "2D periodic x slopes");
        var notPeriodic = pinn.PeriodicX(ty, x0, yy, x0.pow(2) * yy + ty, ty, x1, yy, x1.pow(2) * yy + ty);
        AssertClose(notPeriodic[0], yy.detach() * (-4 * Math.PI * Math.PI), Tolerance, "value difference");
        AssertClose(notPeriodic[1], yy.detach() * (-4 * Math.PI), Tolerance, "slope difference");
    }

    [Fact]
    public void Div_grad_without_a_coefficient_2D_with_one_side_overridden()
    {
        // HeatMixed (Models/FieldModels.dyn): dT/dt = D·div(grad(T)) + 0.01·∂T/∂y, x: neumann with the left
        // side overridden by dirichlet(Tl = 1), y periodic. T = 1 + e^{-D(kx² + 1)t} sin(kx x) cos(y + 0.01t),
        // kx = π/2 on [0, 1] × [0, 2π]: 1 at x = 0, zero slope at x = 1, periodic in y.
        const double d = 0.2, kx = Math.PI / 2;
        var pinn = new HeatMixedPinn(1.0, 2 * Math.PI);
        var random = new Random(9);
        Tensor Exact(Tensor t, Tensor x, Tensor y) => exp(t * (-d * (kx * kx + 1))) * sin(x * kx) * cos(y + t * 0.01) + 1.0;
        var (t, x, y) = (Uniform(random, N, 0, 2), Uniform(random, N, 0, 1), Uniform(random, N, 0, 2 * Math.PI));
        AssertNearZero(pinn.Residuals(t, x, y, Exact(t, x, y))[0], "2D div(grad) + d/dy PDE");
        var (tb, yb) = (Uniform(random, N, 0, 2), Uniform(random, N, 0, 2 * Math.PI));
        var (x0, x1) = (At(N, 0.0), At(N, 1.0));
        AssertNearZero(pinn.BoundaryLeft(tb, x0, yb, Exact(tb, x0, yb))[0], "2D left dirichlet(Tl)");
        AssertNearZero(pinn.BoundaryRight(tb, x1, yb, Exact(tb, x1, yb))[0], "2D right neumann");
        var (xb, y0, y1) = (Uniform(random, N, 0, 1), At(N, 0.0), At(N, 2 * Math.PI));
        var periodic = pinn.PeriodicY(tb, xb, y0, Exact(tb, xb, y0), tb, xb, y1, Exact(tb, xb, y1));
        AssertNearZero(periodic[0], "2D periodic y values");
        AssertNearZero(periodic[1], "2D periodic y slopes");
    }

    [Fact]
    public void Upwind_and_d_dy_2D_exact_travelling_wave_wrong_solution_and_dirichlet_sides()
    {
        // dT/dt = −c·∂T/∂x − b·∂T/∂y: any f(x − ct, y − bt) solves it.
        const double c = 0.7, b = -0.4;
        var pinn = new PinnAdvect2Pinn(2 * Math.PI, 3.0);
        var random = new Random(4);
        var t = Uniform(random, N, 0, 2);
        var x = Uniform(random, N, 0, 2 * Math.PI);
        var y = Uniform(random, N, 0, 3);
        var xi = x - t * c;
        var eta = y - t * b;
        var exact = sin(xi) * cos(eta) + eta.pow(2);
        AssertNearZero(pinn.Residuals(t, x, y, exact)[0], "2D upwind + d/dy PDE");

        // T = x·y + t²: 2t − (−c·y − b·x).
        var wrong = x * y + t.pow(2);
        AssertClose(pinn.Residuals(t, x, y, wrong)[0], 2 * t.detach() + c * y.detach() + b * x.detach(), Tolerance, "advection");

        // y: dirichlet(0) on both sides: T itself at y = 0 and y = 3.
        var tb = Uniform(random, N, 0, 2);
        var xb = Uniform(random, N, 0, 2 * Math.PI);
        var bottom = pinn.BoundaryBottom(tb, xb, At(N, 0.0), cos(xb) + tb)[0];
        AssertClose(bottom, cos(xb.detach()) + tb.detach(), Tolerance, "bottom");
        var top = pinn.BoundaryTop(tb, xb, At(N, 3.0), cos(xb) + tb)[0];
        AssertClose(top, cos(xb.detach()) + tb.detach(), Tolerance, "top");
    }

    [Fact]
    public void Laplacian_3D_exact_solution_on_every_kind_of_side()
    {
        // T = 0.5 + e^{-3Dt} cos x cos y sin z on [0, 2π] × [0, π] × [0, π/2]: periodic in x, zero slope
        // at y = 0 and y = π (neumann), 0.5 at z = 0 (dirichlet), zero slope at z = π/2 (neumann).
        const double d = 0.1;
        var pinn = new PinnHeat3Pinn(2 * Math.PI, Math.PI, Math.PI / 2);
        var random = new Random(5);
        Tensor Exact(Tensor t, Tensor x, Tensor y, Tensor z) => exp(t * (-3 * d)) * cos(x) * cos(y) * sin(z) + 0.5;
        var (t, x, y, z) = (Uniform(random, N, 0, 2), Uniform(random, N, 0, 2 * Math.PI), Uniform(random, N, 0, Math.PI), Uniform(random, N, 0, Math.PI / 2));
        AssertNearZero(pinn.Residuals(t, x, y, z, Exact(t, x, y, z))[0], "3D heat PDE");

        var (tb, xb, yb, zb) = (Uniform(random, N, 0, 2), Uniform(random, N, 0, 2 * Math.PI), Uniform(random, N, 0, Math.PI), Uniform(random, N, 0, Math.PI / 2));
        var (y0, y1, z0, z1) = (At(N, 0.0), At(N, Math.PI), At(N, 0.0), At(N, Math.PI / 2));
        AssertNearZero(pinn.BoundaryBottom(tb, xb, y0, zb, Exact(tb, xb, y0, zb))[0], "3D bottom neumann");
        AssertNearZero(pinn.BoundaryTop(tb, xb, y1, zb, Exact(tb, xb, y1, zb))[0], "3D top neumann");
        AssertNearZero(pinn.BoundaryFront(tb, xb, yb, z0, Exact(tb, xb, yb, z0))[0], "3D front dirichlet");
        AssertNearZero(pinn.BoundaryBack(tb, xb, yb, z1, Exact(tb, xb, yb, z1))[0], "3D back neumann");
        var (x0, x1) = (At(N, 0.0), At(N, 2 * Math.PI));
        var periodic = pinn.PeriodicX(tb, x0, yb, zb, Exact(tb, x0, yb, zb), tb, x1, yb, zb, Exact(tb, x1, yb, zb));
        Assert.Equal(2, periodic.Length);
        AssertNearZero(periodic[0], "3D periodic x values");
        AssertNearZero(periodic[1], "3D periodic x slopes");
    }

    [Fact]
    public void Laplacian_3D_wrong_solution_gives_the_analytic_residuals()
    {
        // T = x² + y²z + t: ∂T/∂t = 1, ΔT = 2 + 2z; sides: top (y = π) +∂T/∂y = 2πz, front (z = 0) T − 0.5,
        // back (z = π/2) +∂T/∂z = y², bottom (y = 0) −∂T/∂y = 0.
        const double d = 0.1;
        var pinn = new PinnHeat3Pinn(2 * Math.PI, Math.PI, Math.PI / 2);
        var random = new Random(6);
        Tensor Wrong(Tensor t, Tensor x, Tensor y, Tensor z) => x.pow(2) + y.pow(2) * z + t;
        var (t, x, y, z) = (Uniform(random, N, 0, 2), Uniform(random, N, 0, 2 * Math.PI), Uniform(random, N, 0, Math.PI), Uniform(random, N, 0, Math.PI / 2));
        AssertClose(pinn.Residuals(t, x, y, z, Wrong(t, x, y, z))[0], 1 - d * (2 + 2 * z.detach()), Tolerance, "PDE");
        var (y0, y1, z0, z1) = (At(N, 0.0), At(N, Math.PI), At(N, 0.0), At(N, Math.PI / 2));
        AssertClose(pinn.BoundaryTop(t, x, y1, z, Wrong(t, x, y1, z))[0], z.detach() * (2 * Math.PI), Tolerance, "top");
        AssertClose(pinn.BoundaryFront(t, x, y, z0, Wrong(t, x, y, z0))[0], x.detach().pow(2) + t.detach() - 0.5, Tolerance, "front");
        AssertClose(pinn.BoundaryBack(t, x, y, z1, Wrong(t, x, y, z1))[0], y.detach().pow(2), Tolerance, "back");
        Assert.True(MaxAbs(pinn.BoundaryBottom(t, x, y0, z, Wrong(t, x, y0, z))[0]) < Tolerance);
    }

    [Fact]
    public void Upwind_along_every_axis_3D_with_a_velocity_in_t()
    {
        // T = e^{-3Dt} sin(x − at) sin(y − bt) sin(z − W(t)), W(t) = 0.05(1 − cos t), so W' = w = 0.05 sin t.
        const double a = 0.3, b = -0.2, d = 0.05;
        var pinn = new PinnWave3Pinn(2 * Math.PI, 2 * Math.PI, 2 * Math.PI);
        var random = new Random(7);
        var (t, x, y, z) = (Uniform(random, N, 0, 3), Uniform(random, N, 0, 2 * Math.PI), Uniform(random, N, 0, 2 * Math.PI), Uniform(random, N, 0, 2 * Math.PI));
        var exact = exp(t * (-3 * d)) * sin(x - t * a) * sin(y - t * b) * sin(z - (1 - cos(t)) * 0.05);
        AssertNearZero(pinn.Residuals(t, x, y, z, exact)[0], "3D upwind x/y/z + laplacian PDE");

        // T = x + 2y + 3zt: ∂T/∂t = 3z, the advection a + 2b + 3t·w, no diffusion.
        var wrong = x + y * 2 + z * t * 3;
        var tv = t.detach();
        AssertClose(pinn.Residuals(t, x, y, z, wrong)[0], 3 * z.detach() + a + 2 * b + 3 * tv * (0.05 * sin(tv)), Tolerance, "advection 3D");
    }

    [Fact]
    public void Two_equations_come_back_in_state_order()
    {
        // Gray–Scott (Models/FieldModels.dyn): u = sin x + t, v = t·cos y.
        const double du = 0.16, dv = 0.08, f = 0.035, k = 0.065;
        var pinn = new TorchGrayScottPinn(10, 10);
        var random = new Random(8);
        var (t, x, y) = (Uniform(random, N, 0, 1), Uniform(random, N, 0, 10), Uniform(random, N, 0, 10));
        var residuals = pinn.Residuals(t, x, y, sin(x) + t, t * cos(y));
        Assert.Equal(2, residuals.Length);
        var (tv, xv, yv) = (t.detach(), x.detach(), y.detach());
        var u = sin(xv) + tv;
        var v = tv * cos(yv);
        AssertClose(residuals[0], 1 - (du * -sin(xv) - u * v * v + f * (1 - u)), Tolerance, "u");
        AssertClose(residuals[1], cos(yv) - (dv * -(tv * cos(yv)) + u * v * v - (f + k) * v), Tolerance, "v");
    }
}
