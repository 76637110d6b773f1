using Xunit.Abstractions;

namespace DynLang.Models.Tests;

/// <summary>
/// Lotka–Volterra conserves H = δ·x − γ·ln x + β·y − α·ln y (Models/LotkaVolterra*.dyn).
/// <para>
/// Euler: H(x + dt·f) = H + dt·∇H·f + dt²/2·fᵀ∇²H·f + O(dt³) with ∇H·f = 0 and ∇²H = diag(γ/x², α/y²)
/// positive definite, so H must grow at every step, by O(dt²) per step and O(dt) over a fixed
/// time: halving dt halves the drift (ratio ≈ 2). RK4: the global error is O(dt⁴), so the drift of
/// H over a fixed time shrinks ≈ 16-fold when dt is halved, and it is smaller than Euler's by
/// orders of magnitude. The bands (±15 % on the ratios) allow the O(dt) correction to the leading
/// term at these step sizes, not a tuned number.
/// </para>
/// <para>
/// H is read from the generated <c>H(element)</c> (the model's <c>invariant H</c>), which
/// ReadoutTests checks against the closed form.
/// </para>
/// </summary>
public sealed class LotkaVolterraTests(ITestOutputHelper output)
{
    private const double FinalTime = 40; // about four orbits (period ≈ 2π/√(αγ) ≈ 9.5 near the centre, longer here)

    private static double EulerDrift(double dt, bool assertMonotone)
    {
        var system = new LotkaVolterraEulerSystem(1);
        double h0 = system.H(0), previous = h0;
        int steps = (int)Math.Round(FinalTime / dt);
        for (int n = 0; n < steps; n++)
        {
            system.Step(dt);
            double h = system.H(0);
            if (assertMonotone) Assert.True(h > previous, $"euler, dt = {dt}: H fell at step {n} ({previous:R} → {h:R})");
            previous = h;
        }
        return previous - h0;
    }

    private static double Rk4Drift(double dt)
    {
        var system = new LotkaVolterraRk4System(1);
        double h0 = system.H(0);
        int steps = (int)Math.Round(FinalTime / dt);
        for (int n = 0; n < steps; n++) system.Step(dt);
        return system.H(0) - h0;
    }

    [Fact]
    public void Euler_drifts_upward_at_first_order()
    {
        double coarse = EulerDrift(0.002, assertMonotone: true), fine = EulerDrift(0.001, assertMonotone: true);
        output.WriteLine($"euler: ΔH = {coarse:E4} (dt 0.002), {fine:E4} (dt 0.001), ratio {coarse / fine:F3}");
        Assert.True(fine > 0);
        Assert.InRange(coarse / fine, 2 * 0.85, 2 * 1.15);
    }

    [Fact]
    public void Rk4_conserves_H_to_its_fourth_order_error()
    {
        // Measured ratios for dt 0.08/0.04/0.02/0.01/0.005: 18.4, 17.2, 16.6, 16.3 — tending to 16;
        // the pair 0.01/0.005 is well inside the asymptotic range.
        double coarse = Rk4Drift(0.01), fine = Rk4Drift(0.005);
        double euler = EulerDrift(0.005, assertMonotone: false);
        output.WriteLine($"rk4: ΔH = {coarse:E4} (dt 0.01), {fine:E4} (dt 0.005), ratio {coarse / fine:F3}; euler at dt 0.005: {euler:E4}");
        Assert.InRange(coarse / fine, 16 * 0.85, 16 * 1.15);
        // At the same step, rk4's error is smaller than Euler's by the factor ~(dt·|λ|)³ the extra
        // orders buy (|λ| ~ 1 here, so ~10⁶ at dt = 0.005 — asserted as 10⁴, with a factor 100 to spare).
        Assert.True(Math.Abs(fine) * 1e4 < Math.Abs(euler), $"rk4 ΔH {fine:E3}, euler ΔH {euler:E3}");
    }
}
