using System.Globalization;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Tests.Fields;

/// <summary>
/// Issue 10, item 2: the build-time verdict on a field's declared step (DL0450 stable / DL0451
/// unstable) uses the formula the generated Step checks at run time, for every bounded operator and
/// every explicit solver. Each case declares dt 0.1% below and 0.1% above the closed-form limit;
/// tests/DynLang.Models.Tests/Fields/StabilityAgreementTests.cs holds the generated Step to the same
/// limits, so build and run time agree.
/// </summary>
public sealed class FieldStabilityBuildTests
{
    private const double D = 0.5, C = 2, Dx = 0.1;

    /// <summary>Stability interval on the negative real axis: 2 (euler, rk2), 2.785293563405282 (rk4).</summary>
    private static double S(string solver) => solver == "rk4" ? 2.785293563405282 : 2.0;

    private static double Diffusion(string solver, double k = 4, int dims = 1) => S(solver) / (k * dims) * Dx * Dx / D;

    private const double Cfl = Dx / C;

    public static TheoryData<string, string, string, double> Cases()
    {
        var data = new TheoryData<string, string, string, double>();
        foreach (var solver in new[] { "euler", "rk2", "rk4" })
        {
            data.Add("grid1d(periodic)", "D*laplacian(u)", solver, Diffusion(solver));
            data.Add("grid1d(periodic)", "div(D*grad(u))", solver, Diffusion(solver));
            data.Add("grid1d(periodic)", "D*div(grad(u))", solver, Diffusion(solver));
            data.Add("grid1d(neumann)", "-(-D)*laplacian(u)", solver, Diffusion(solver));
            data.Add("grid1d(periodic)", "-upwind(c, u)", solver, Cfl);
            data.Add("grid1d(periodic)", "-c*d(u)/d(x)", solver, Cfl);
            data.Add("grid1d(periodic)", "-c*grad(u)", solver, Cfl);
            data.Add("grid2d(periodic)", "D*laplacian(u)", solver, Diffusion(solver, dims: 2));
            data.Add("grid3d(neumann)", "D*laplacian(u)", solver, Diffusion(solver, dims: 3));
            data.Add("grid1d(periodic, order 4)", "D*laplacian(u)", solver, Diffusion(solver, k: 16.0 / 3.0));
        }
        // Both bounds in one equation: the smaller decides (diffusion 0.01 for euler, CFL 0.05).
        data.Add("grid1d(periodic)", "D*laplacian(u) - upwind(c, u)", "euler", Math.Min(Diffusion("euler"), Cfl));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Declared_step_is_stable_just_below_the_limit_and_unstable_just_above(string grid, string rhs, string solver, double limit)
    {
        // 0.1% on either side: far above rounding, far below the 28% between the solvers' limits.
        Assert.Equal(DiagnosticDescriptors.StepWithinStabilityBound.Id, Verdict(grid, rhs, solver, limit * 0.999).Id);
        var unstable = Verdict(grid, rhs, solver, limit * 1.001);
        Assert.Equal(DiagnosticDescriptors.StepBeyondStabilityBound.Id, unstable.Id);
        Assert.Contains("largest stable dt", unstable.Message);
    }

    [Fact]
    public void The_issue_cases_agree_with_the_run_time_limit()
    {
        // 2D rk4 laplacian: limit 2.785/(4·2) = 0.348 (was 0.25, euler's, at build time); dt = 0.08 with Du = 4, dx = 1 is 0.32: stable.
        var rk4 = Verdict("grid2d(periodic)", "D*laplacian(u)", "rk4", 0.08, d: 4, dx: 1);
        Assert.Equal(DiagnosticDescriptors.StepWithinStabilityBound.Id, rk4.Id);
        Assert.Contains("limit 2.785/(4·2) = 0.348 for rk4", rk4.Message);
        // D*div(grad(u)) with rk4 and dt = 0.2 (D = 4, dx = 1, 1D: 0.8 > 0.696) was not checked at build time.
        var divGrad = Verdict("grid1d(periodic)", "D*div(grad(u))", "rk4", 0.2, d: 4, dx: 1);
        Assert.Equal(DiagnosticDescriptors.StepBeyondStabilityBound.Id, divGrad.Id);
    }

    private static Diagnostic Verdict(string grid, string rhs, string solver, double dt, double d = D, double dx = Dx)
    {
        string text = $"field F on {grid} {{\n  param D = {F(d)}, c = {F(C)}, dx = {F(dx)}\n  state u = 0\n  du/dt = {rhs}\n  solver {solver} (dt = {F(dt)})\n}}\n";
        var result = DynCompiler.Compile("model.dyn", text);
        Assert.DoesNotContain(result.Diagnostics, x => x.IsError);
        return Assert.Single(result.Diagnostics, x => x.Id is "DL0450" or "DL0451" or "DL0452");
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
