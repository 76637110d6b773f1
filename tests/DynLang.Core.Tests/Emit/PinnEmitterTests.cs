using DynLang.Core.Compilation;
using DynLang.Core.Lowering;
using DynLang.Core.Tests.Docs;

namespace DynLang.Core.Tests.Emit;

/// <summary>
/// The physics-informed residual class as text (its numbers are tests/DynLang.TorchSharp.Tests'
/// job): emitted beside the Torch class of a field, one method per declared side, and DL0350 where a
/// field reads something without a continuous form.
/// </summary>
public class PinnEmitterTests
{
    private const string Mixed = "field H on grid2d(x: dirichlet(Tl), y: periodic) {\n  param D = 0.5, Tl = 1\n  state T = 0\n" +
                                 "  dT/dt = D*laplacian(T) + d(T)/d(y)\n  solver euler\n}\n";

    private const string WithStep = "field Relax on grid1d(periodic) {\n  param D = 0.1, dx = 1\n  state u = 0\n" +
                                    "  du/dt = D*laplacian(u) - u/(100*dt)\n  solver euler\n}\n";

    private static CompilationResult Compile(string text, bool torch) =>
        DynCompiler.Compile("/model.dyn", text, new CompileOptions(EmitTorch: torch));

    [Fact]
    public void A_field_gets_a_Pinn_class_beside_its_Torch_class_only_with_TorchSharp()
    {
        Assert.DoesNotContain(Compile(Mixed, torch: false).Files, f => f.HintName.EndsWith(".Pinn.g.cs"));
        var files = Compile(Mixed, torch: true).Files;
        Assert.Contains(files, f => f.HintName == "H.Torch.g.cs");
        string source = Assert.Single(files, f => f.HintName == "H.Pinn.g.cs").Source;
        Assert.Contains("public sealed partial class HPinn", source);
        Assert.Contains("public HPinn(double lx, double ly, HParameters parameters, Device? device = null)", source);
        Assert.Contains("public Tensor[] Residuals(Tensor t, Tensor x, Tensor y, Tensor T)", source);
        // x: dirichlet on both sides, one method each; y: periodic, one method for the pair.
        Assert.Contains("public Tensor[] BoundaryLeft(Tensor t, Tensor x, Tensor y, Tensor T)", source);
        Assert.Contains("public Tensor[] BoundaryRight(Tensor t, Tensor x, Tensor y, Tensor T)", source);
        Assert.Contains("public Tensor[] PeriodicY(Tensor tLow, Tensor xLow, Tensor yLow, Tensor TLow, Tensor tHigh, Tensor xHigh, Tensor yHigh, Tensor THigh)", source);
        Assert.DoesNotContain("BoundaryTop", source);
        Assert.Contains("public Tensor[] Initial(Tensor t, Tensor x, Tensor y, Tensor T, Tensor? TInitial = null)", source);
        // The continuous operators: second derivatives along both axes, a first one along y; no stencil.
        Assert.Contains("__D(T, x)", source);
        Assert.Contains("__D(T, y)", source);
        Assert.DoesNotContain("narrow", source);
        Assert.Contains("torch.autograd.grad(", source);
        Assert.Contains("create_graph: true", source);
    }

    [Fact]
    public void The_Pinn_file_is_deterministic()
    {
        string first = Compile(Mixed, torch: true).Files.Single(f => f.HintName == "H.Pinn.g.cs").Source;
        string second = Compile(Mixed, torch: true).Files.Single(f => f.HintName == "H.Pinn.g.cs").Source;
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_field_reading_dt_gets_DL0350_at_dt_and_keeps_its_other_classes()
    {
        var result = Compile(WithStep, torch: true);
        var note = Assert.Single(result.Diagnostics, d => d.Id == "DL0350");
        Assert.False(note.IsError);
        Assert.Contains("field 'Relax' gets no RelaxPinn class", note.Message);
        Assert.Contains("'dt'", note.Message);
        int at = WithStep.IndexOf("dt)", StringComparison.Ordinal);
        Assert.Equal(at, note.Location.Span.Start);
        Assert.Equal(2, note.Location.Span.Length);
        Assert.DoesNotContain(result.Files, f => f.HintName.EndsWith(".Pinn.g.cs"));
        Assert.Contains(result.Files, f => f.HintName == "Relax.Torch.g.cs");
        Assert.Contains(result.Files, f => f.HintName == "Relax.g.cs");
    }

    [Fact]
    public void The_DL0350_page_quotes_its_example_exactly()
    {
        // The page cannot carry a checked "Not allowed" example (a .dyn file alone does not say that
        // TorchSharp is referenced), so its model and message are checked here.
        var blocks = MarkdownDocs.Blocks(File.ReadAllText(MarkdownDocs.PathOf("docs/diagnostics/DL0350.md")));
        var model = Assert.Single(blocks, b => b.Language == "text" && b.Code.StartsWith("field ", StringComparison.Ordinal));
        var quoted = Assert.Single(blocks, b => b.Language == "text" && b.Code.Contains("info DL0350"));
        var reported = DynCompiler.Compile("model.dyn", model.Code, new CompileOptions(EmitTorch: true)).Diagnostics.Where(d => d.Id == "DL0350");
        Assert.Equal(quoted.Code.TrimEnd('\n'), string.Join("\n", reported.Select(d => d.ToString())));
    }

    [Fact]
    public void Through_a_definition_dt_is_found_too_and_without_TorchSharp_nothing_is_said()
    {
        const string viaDefinition = "field R on grid1d(periodic) {\n  param D = 0.1\n  state u = 0\n  rate = 1/(100*dt)\n" +
                                     "  du/dt = D*laplacian(u) - rate*u\n  solver euler\n}\n";
        Assert.Single(Compile(viaDefinition, torch: true).Diagnostics, d => d.Id == "DL0350");
        Assert.DoesNotContain(Compile(viaDefinition, torch: false).Diagnostics, d => d.Id == "DL0350");
    }
}
