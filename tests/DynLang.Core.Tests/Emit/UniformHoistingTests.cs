using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Tests.Emit;

/// <summary>UniformHoisting: what is the same for every element moves to the host, nothing else does.</summary>
public sealed class UniformHoistingTests
{
    private static IrRef U(string name) => new(name, SlotKind.Uniform);
    private static IrRef L(string name) => new(name, SlotKind.Local);
    private static IrBinary B(IrBinaryOp op, IrExpr a, IrExpr b) => new(op, a, b);

    [Fact]
    public void Whole_per_step_subtrees_move_and_repeats_share_one_uniform()
    {
        // v*(g/C) + w*(g/C): (g/C) twice -> one uniform; v*… keeps the element's local.
        var gOverC = B(IrBinaryOp.Divide, U("g"), U("C"));
        var body = new List<IrAssign>
        {
            new("a", B(IrBinaryOp.Add, B(IrBinaryOp.Multiply, L("v"), gOverC), B(IrBinaryOp.Multiply, L("w"), gOverC))),
        };
        var (hoisted, uniforms) = UniformHoisting.Hoist(body, allowCalls: true);
        Assert.Single(uniforms);
        Assert.Equal("__k0", uniforms[0].Target);
        Assert.Equal("g/C", IrText.Print(uniforms[0].Value));
        Assert.Equal("v*__k0 + w*__k0", IrText.Print(hoisted[0].Value).Replace("(", "").Replace(")", ""));
    }

    [Fact]
    public void Grouping_is_kept_so_a_local_first_chain_does_not_move()
    {
        // (v*g)/C: no subtree without v, nothing moves (reassociating would change roundings).
        var body = new List<IrAssign> { new("a", B(IrBinaryOp.Divide, B(IrBinaryOp.Multiply, L("v"), U("g")), U("C"))) };
        var (_, uniforms) = UniformHoisting.Hoist(body, allowCalls: true);
        Assert.Empty(uniforms);
    }

    [Fact]
    public void Calls_stay_in_the_kernel_when_not_allowed_and_lone_names_never_move()
    {
        var exp = new IrCall(IrFunction.Exp, [B(IrBinaryOp.Multiply, U("k"), U("dt"))]);
        var body = new List<IrAssign>
        {
            new("a", B(IrBinaryOp.Multiply, L("v"), exp)),
            new("b", B(IrBinaryOp.Add, L("v"), U("k"))),
        };
        var (_, fast) = UniformHoisting.Hoist(body, allowCalls: false);
        Assert.Equal("k*dt", Assert.Single(fast).Value is var value ? IrText.Print(value) : "");
        var (_, platform) = UniformHoisting.Hoist(body, allowCalls: true);
        Assert.StartsWith("exp", IrText.Print(Assert.Single(platform).Value));
    }

    [Fact]
    public void Trees_that_differ_only_deep_inside_get_their_own_uniforms()
    {
        // IrText shortens deep trees for comments ("…"): sharing must compare whole trees, not
        // their printed text. Two chains of 12 additions that differ only in the innermost number.
        static IrExpr Chain(double innermost)
        {
            IrExpr e = new IrConstant(innermost);
            for (int k = 0; k < 12; k++) e = B(IrBinaryOp.Add, e, U("g"));
            return e;
        }
        var body = new List<IrAssign>
        {
            new("a", B(IrBinaryOp.Multiply, L("v"), Chain(1))),
            new("b", B(IrBinaryOp.Multiply, L("v"), Chain(2))),
        };
        Assert.Equal(IrText.Print(Chain(1)), IrText.Print(Chain(2))); // the premise: printed alike
        var (_, uniforms) = UniformHoisting.Hoist(body, allowCalls: true);
        Assert.Equal(2, uniforms.Count);
    }
}
