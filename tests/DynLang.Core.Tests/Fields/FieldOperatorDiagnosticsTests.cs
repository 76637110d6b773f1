using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;

namespace DynLang.Core.Tests.Fields;

/// <summary>Build-time verdicts on the field operators and the <c>order</c> option: what generates, what is refused and why.</summary>
public sealed class FieldOperatorDiagnosticsTests
{
    private static IReadOnlyList<Diagnostic> Errors(string header, string rhs, string extra = "") =>
        DynCompiler.Compile("model.dyn", $"field F on {header} {{\n  param c = 1, D = 1, dx = 1\n  state u = 0\n{extra}  du/dt = {rhs}\n  solver rk4\n}}\n")
            .Diagnostics.Where(d => d.IsError).ToList();

    [Theory]
    [InlineData("grid1d(periodic)", "-c*d(u)/d(x)")]
    [InlineData("grid2d(periodic)", "-c*d(u)/d(x) - c*d(u)/d(y)")]
    [InlineData("grid3d(neumann)", "-upwind(c, u) - upwind(c, u, y) - upwind(c, u, z)")]
    [InlineData("grid1d(periodic, order 4)", "D*laplacian(u) - c*grad(u)")]
    [InlineData("grid2d(neumann, order 4)", "D*laplacian(u) - upwind(u, u)")]
    public void Generates(string header, string rhs) => Assert.Empty(Errors(header, rhs));

    [Theory]
    [InlineData("grid1d(periodic)", "-c*d(u)/d(y)", "DL0307", "axes are x")]
    [InlineData("grid1d(periodic)", "-upwind(c, u, z)", "DL0307", "axes are x")]
    [InlineData("grid2d(periodic)", "-c*grad(u)", "DL0307", "d(E)/d(x)")]
    [InlineData("grid1d(periodic, order 4)", "div(D*grad(u))", "DL0307", "second order only")]
    [InlineData("grid1d(periodic, order 3)", "D*laplacian(u)", "DL0320", "2 (the default) or 4")]
    [InlineData("grid1d(left: dirichlet(0), right: neumann, order 4)", "D*laplacian(u)", "DL0320", "two cells beyond the edge")]
    public void Refuses_with_a_reason(string header, string rhs, string id, string reason)
    {
        var errors = Errors(header, rhs);
        var error = Assert.Single(errors);
        Assert.Equal(id, error.Id);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Upwind_unit_is_velocity_times_field_over_length()
    {
        const string ok = "field F on grid1d(periodic) {\n  param c = 1 um/ms, dx = 1 um\n  state u : mV = 0 mV\n  du/dt = -upwind(c, u)\n  solver euler\n}\n";
        Assert.DoesNotContain(DynCompiler.Compile("model.dyn", ok).Diagnostics, d => d.IsError);
        // Without the velocity's time the term is mV/um·um = mV, not mV/s: a unit mismatch.
        string wrong = ok.Replace("c = 1 um/ms", "c = 1 um");
        Assert.Contains(DynCompiler.Compile("model.dyn", wrong).Diagnostics, d => d.IsError && d.Id.StartsWith("DL02"));
    }
}
