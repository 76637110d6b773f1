using DynLang.Core.Compilation;
using DynLang.Core.Emit.Torch;
using DynLang.Core.Lowering;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Tests.Emit;

/// <summary>
/// The TorchSharp emitter as text: emitted only on request, the linear relaxation fused into
/// lerp_ (and only when it is linear), and the affine split it rests on.
/// </summary>
public class TorchEmitterTests
{
    private const string Lif = "neuron L {\n  param tau = 10 ms, v_th = -50 mV\n  input I : mV\n  state v = -65 mV\n" +
                               "  dv/dt = (I - v)/tau\n  on v > v_th { v = -65 mV; emit spike }\n  solver euler\n}\n";

    private const string Quadratic = "system Q {\n  state x = 1\n  dx/dt = -x*x\n  solver euler\n}\n";

    private static IReadOnlyList<GeneratedFile> Compile(string text, bool torch) =>
        DynCompiler.Compile("/m.dyn", text, new CompileOptions(EmitTorch: torch)).Files;

    [Fact]
    public void The_Torch_file_is_emitted_only_when_asked()
    {
        Assert.DoesNotContain(Compile(Lif, torch: false), f => f.HintName.EndsWith(".Torch.g.cs"));
        var file = Assert.Single(Compile(Lif, torch: true), f => f.HintName == "L.Torch.g.cs");
        Assert.Contains("public sealed partial class LTorch : IDisposable", file.Source);
        Assert.Contains("public Tensor StepDifferentiable(double dt)", file.Source);
    }

    [Fact]
    public void A_host_sum_times_a_tensor_keeps_its_parentheses()
    {
        // (a + b)*x with a, b host values and x a tensor: the host part prints as "a + b" and must be
        // parenthesised in the tensor product (it once printed as a + b*x).
        var printer = new TorchPrinter(r => new TorchCode(r.Name, r.Kind == SlotKind.Local));
        var sum = new IrBinary(IrBinaryOp.Add, new IrRef("a", SlotKind.Uniform), new IrRef("b", SlotKind.Uniform));
        Assert.Equal("((a + b) * x)", printer.Print(new IrBinary(IrBinaryOp.Multiply, sum, new IrRef("x", SlotKind.Local))).Text);
        Assert.Equal("(x - (a + b))", printer.Print(new IrBinary(IrBinaryOp.Subtract, new IrRef("x", SlotKind.Local), sum)).Text);
    }

    [Fact]
    public void A_field_gets_a_Torch_class_with_padding_by_its_boundaries()
    {
        const string field = "field H on grid1d(left: neumann, right: dirichlet(1)) {\n  param D = 0.5\n  state T = 0\n  dT/dt = D*laplacian(T)\n  solver euler\n}\n";
        string source = Compile(field, torch: true).Single(f => f.HintName == "H.Torch.g.cs").Source;
        Assert.Contains("public sealed partial class HTorch : IDisposable", source);
        Assert.Contains("public void StepDifferentiable(double dt)", source);
        // neumann below: the mirrored first cell; dirichlet above: the value.
        Assert.Contains("__pad_T = torch.cat(new Tensor[] { __pad_T.narrow(0, 0, 1).flip(0), __pad_T, (torch.zeros_like(__pad_T.narrow(0, 0, 1)) + __bc_x_high) }, 0);", source);
    }

    [Fact]
    public void A_linear_leak_is_fused_into_lerp_and_a_nonlinear_update_is_not()
    {
        string lif = Compile(Lif, torch: true).Single(f => f.HintName == "L.Torch.g.cs").Source;
        Assert.Contains("v.lerp_(__end_v, __w_v);", lif);
        string quadratic = Compile(Quadratic, torch: true).Single(f => f.HintName == "Q.Torch.g.cs").Source;
        Assert.DoesNotContain(".lerp_(", quadratic);
        Assert.Contains("x__data.copy_(x__new);", quadratic);
    }

    [Fact]
    public void The_differentiable_step_has_no_in_place_operation_on_tracked_tensors()
    {
        string lif = Compile(Lif, torch: true).Single(f => f.HintName == "L.Torch.g.cs").Source;
        int start = lif.IndexOf("public Tensor StepDifferentiable", StringComparison.Ordinal);
        int end = lif.IndexOf("public void Dispose()", start, StringComparison.Ordinal);
        var body = lif.Substring(start, end - start).Split('\n')
            .Where(line => line.Contains("_(") && !line.Contains("__lastSpike.masked_fill_") && !line.Contains("__spikes."))
            .ToList();
        Assert.Empty(body); // only the untracked spike bookkeeping is in place
    }

    [Fact]
    public void Affine_split_of_an_euler_leak_gives_the_coefficient_and_the_rest()
    {
        // x + dt*f with f = (a - x)/tau defined earlier: x' = (1 - dt/tau)·x + dt·a/tau.
        var dt = new IrRef("dt", SlotKind.Uniform);
        var tau = new IrRef("tau", SlotKind.Uniform);
        var a = new IrRef("a", SlotKind.Local);
        var x = new IrRef("x", SlotKind.Local);
        var f = new IrBinary(IrBinaryOp.Divide, new IrBinary(IrBinaryOp.Subtract, a, x), tau);
        var update = new IrBinary(IrBinaryOp.Add, x, new IrBinary(IrBinaryOp.Multiply, dt, new IrRef("f", SlotKind.Local)));
        var split = AffineUpdate.Split(update, "x", new Dictionary<string, IrExpr> { ["f"] = f }, r => r.Kind == SlotKind.Uniform);
        Assert.NotNull(split);
        var values = new Dictionary<string, double> { ["dt"] = 0.1, ["tau"] = 2, ["a"] = 3 };
        Assert.Equal(1 - 0.1 / 2, Evaluate(split!.Value.Coefficient, values), 15);
        Assert.Equal(0.1 * 3 / 2, Evaluate(split.Value.Remainder, values), 15);
    }

    [Fact]
    public void Affine_split_refuses_a_per_element_coefficient_and_a_nonlinear_term()
    {
        var x = new IrRef("x", SlotKind.Local);
        var g = new IrRef("g", SlotKind.Local);
        Assert.Null(AffineUpdate.Split(new IrBinary(IrBinaryOp.Multiply, g, x), "x", new Dictionary<string, IrExpr>(), r => r.Kind == SlotKind.Uniform));
        Assert.Null(AffineUpdate.Split(new IrBinary(IrBinaryOp.Multiply, x, x), "x", new Dictionary<string, IrExpr>(), r => r.Kind == SlotKind.Uniform));
    }

    private static double Evaluate(IrExpr expr, IReadOnlyDictionary<string, double> values) => expr switch
    {
        IrConstant c => c.Value,
        IrRef r => values[r.Name],
        IrUnary { Op: IrUnaryOp.Negate } u => -Evaluate(u.Operand, values),
        IrBinary b => b.Op switch
        {
            IrBinaryOp.Add => Evaluate(b.Left, values) + Evaluate(b.Right, values),
            IrBinaryOp.Subtract => Evaluate(b.Left, values) - Evaluate(b.Right, values),
            IrBinaryOp.Multiply => Evaluate(b.Left, values) * Evaluate(b.Right, values),
            IrBinaryOp.Divide => Evaluate(b.Left, values) / Evaluate(b.Right, values),
            _ => throw new NotSupportedException(b.Op.ToString()),
        },
        _ => throw new NotSupportedException(expr.GetType().Name),
    };
}
