using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Tests.Emit;

/// <summary>
/// Common-subexpression elimination of an elementwise step (CommonSubexpressions) and the fast
/// mode's integer powers (IntegerPowers): what is shared and what is not, the order and names of
/// the hoisted locals, and that the values stay the same bit for bit (an IR interpreter runs the
/// code before and after).
/// </summary>
public sealed class CommonSubexpressionTests
{
    private static IrRef L(string name) => new(name, SlotKind.Local);
    private static IrRef U(string name) => new(name, SlotKind.Uniform);
    private static IrConstant C(double value) => new(value);
    private static IrExpr Add(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Add, a, b);
    private static IrExpr Mul(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Multiply, a, b);
    private static IrExpr Div(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Divide, a, b);
    private static IrExpr Exp(IrExpr a) => new IrCall(IrFunction.Exp, new[] { a });
    private static IrExpr Pow(IrExpr a, double n) => new IrCall(IrFunction.Pow, new IrExpr[] { a, C(n) });
    private static IrAssign A(string target, IrExpr value) => new(target, value, 7, "original");

    private static string Show(IEnumerable<IrAssign> body) =>
        string.Join("\n", body.Select(a => $"{a.Target} = {IrText.Print(a.Value)}"));

    [Fact]
    public void A_repeated_tree_is_computed_once_before_the_first_statement_that_needs_it()
    {
        var body = new[]
        {
            A("a", Mul(U("g"), Pow(L("n"), 4))),
            A("b", Add(L("a"), Mul(U("E"), Pow(L("n"), 4)))),
        };
        var hoisted = CommonSubexpressions.Hoist(body, new[] { "n" });
        Assert.Equal("__cse0 = n^4\na = g*__cse0\nb = a + E*__cse0", Show(hoisted));
        Assert.Equal("n^4: computed once, used 2 times", hoisted[0].Comment);
        Assert.Equal(7, hoisted[0].Line);
        Assert.Equal("original", hoisted[1].Comment);
    }

    [Fact]
    public void Nothing_repeated_leaves_the_code_as_it_is()
    {
        var body = new[] { A("a", Mul(L("x"), L("y"))), A("b", Add(L("x"), L("y"))), A("c", Mul(L("y"), L("x"))) };
        Assert.Equal(body, CommonSubexpressions.Hoist(body));
    }

    [Fact]
    public void Hoisted_locals_are_numbered_in_declaration_order_inner_before_outer()
    {
        // (x*x)*(x*x) twice: x*x is evaluated twice inside the one computation of the product.
        var x2 = Mul(L("x"), L("x"));
        var body = new[] { A("p", Add(Exp(L("y")), Mul(x2, x2))), A("q", Mul(Mul(x2, x2), Exp(L("y")))) };
        Assert.Equal("__cse0 = exp(y)\n__cse1 = x^2\n__cse2 = __cse1^2\np = __cse0 + __cse2\nq = __cse2*__cse0",
            Show(CommonSubexpressions.Hoist(body, new[] { "x", "y" })));
    }

    [Fact]
    public void A_tree_repeated_only_inside_one_hoisted_tree_stays_inline()
    {
        // (v*w)*z repeats; v*w repeats only inside it, so once it is computed once, v*w is
        // evaluated once: it is not hoisted. (And (v*w)*z is a's whole value: b reads a.)
        var body = new[] { A("a", Mul(Mul(L("v"), L("w")), L("z"))), A("b", Add(Mul(Mul(L("v"), L("w")), L("z")), C(1))) };
        Assert.Equal("a = v*w*z\nb = a + 1", Show(CommonSubexpressions.Hoist(body, new[] { "v", "w", "z" })));
    }

    [Fact]
    public void The_whole_value_of_a_local_assigned_once_is_reused_by_name()
    {
        var body = new[] { A("alpha", Exp(Div(L("v"), U("k")))), A("beta", Mul(C(2), Exp(Div(L("v"), U("k"))))) };
        Assert.Equal("alpha = exp(v/k)\nbeta = 2*alpha", Show(CommonSubexpressions.Hoist(body, new[] { "v" })));
    }

    [Fact]
    public void A_local_assigned_twice_is_not_reused_by_name()
    {
        var body = new[]
        {
            A("s", Exp(L("v"))),
            A("t", Mul(C(2), Exp(L("v")))),
            A("s", Add(L("s"), C(1))),
        };
        Assert.Equal("__cse0 = exp(v)\ns = __cse0\nt = 2*__cse0\ns = s + 1", Show(CommonSubexpressions.Hoist(body, new[] { "v" })));
    }

    [Fact]
    public void The_same_tree_before_and_after_a_reassignment_is_two_values()
    {
        // x__new is frozen while refractory (reassigned): x__new*2 before and after differ.
        var body = new[]
        {
            A("x__new", Add(L("x"), U("dt"))),
            A("a", Mul(L("x__new"), C(2))),
            A("x__new", new IrSelect(L("__notRefractory"), L("x__new"), L("x"))),
            A("b", Mul(L("x__new"), C(2))),
        };
        Assert.Equal(body, CommonSubexpressions.Hoist(body, new[] { "x", "__notRefractory" }));
    }

    [Fact]
    public void Conditions_noise_names_and_negated_names_are_not_hoisted()
    {
        var positive = new IrBinary(IrBinaryOp.Greater, L("v"), C(0));
        var body = new[]
        {
            A("a", new IrSelect(positive, C(1), C(2))),
            A("b", new IrSelect(positive, C(3), C(4))),
            A("c", Mul(Exp(new IrNormal(0)), L("v"))),
            A("d", Mul(Exp(new IrNormal(0)), L("v"))),
            A("e", Add(new IrUnary(IrUnaryOp.Negate, L("v")), C(1))),
            A("f", Add(new IrUnary(IrUnaryOp.Negate, L("v")), C(2))),
        };
        Assert.Equal(body, CommonSubexpressions.Hoist(body, new[] { "v" }));
    }

    [Fact]
    public void Integer_powers_are_repeated_squaring_most_significant_bit_first()
    {
        Assert.Equal(Mul(Mul(L("x"), L("x")), L("x")), IntegerPowers.Expand(Pow(L("x"), 3), true));
        var x2 = Mul(L("x"), L("x"));
        Assert.Equal(Mul(x2, x2), IntegerPowers.Expand(Pow(L("x"), 4), true));
        var x3 = Mul(x2, L("x"));
        Assert.Equal(Mul(x3, x3), IntegerPowers.Expand(Pow(L("x"), 6), true));
        Assert.Equal(new IrConstant(1), IntegerPowers.Expand(Pow(L("x"), 0), true));
        Assert.Equal(Div(C(1), x2), IntegerPowers.Expand(Pow(L("x"), -2), true));
        Assert.Equal(Div(C(1), x2), IntegerPowers.Expand(new IrCall(IrFunction.Pow, new IrExpr[] { L("x"), new IrUnary(IrUnaryOp.Negate, C(2)) }), true));
        // Not integer, or too large: pow stays.
        var fractional = Pow(L("x"), 2.5);
        Assert.Same(fractional, IntegerPowers.Expand(fractional, true));
        var large = Pow(L("x"), 17);
        Assert.Same(large, IntegerPowers.Expand(large, true));
        // A longer base is expanded only where shared code computes it once.
        var longer = Pow(Add(L("x"), C(1)), 3);
        Assert.Same(longer, IntegerPowers.Expand(longer, complexBases: false));
        Assert.IsType<IrBinary>(IntegerPowers.Expand(longer, complexBases: true));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(16)]
    public void Integer_powers_take_at_most_two_log2_n_multiplications_and_stay_within_a_few_ulp_of_pow(int n)
    {
        var hoisted = CommonSubexpressions.Hoist(new[] { A("y", IntegerPowers.Expand(Pow(L("x"), n), true)) }, new[] { "x" });
        int multiplications = hoisted.Sum(a => Count(a.Value));
        Assert.True(multiplications <= 2 * Math.Log2(n), $"{multiplications} multiplications for x^{n}");
        var random = new Random(n);
        for (int k = 0; k < 1000; k++)
        {
            double x = (random.NextDouble() * 2 - 1) * 3;
            double exact = Math.Pow(x, n);
            double y = Run(hoisted, new Dictionary<string, double> { ["x"] = x })["y"];
            // Each multiplication rounds by at most half an ulp, pow by at most about one: n ulp is ample.
            double ulp = Math.BitIncrement(Math.Abs(exact)) - Math.Abs(exact);
            Assert.True(Math.Abs(y - exact) <= n * ulp,
                $"x^{n} at {x:R}: {y:R} vs pow {exact:R}");
        }

        static int Count(IrExpr e) => e switch
        {
            IrBinary b => (b.Op == IrBinaryOp.Multiply ? 1 : 0) + Count(b.Left) + Count(b.Right),
            _ => 0,
        };
    }

    [Fact]
    public void Hoisting_never_changes_a_value_bit_for_bit()
    {
        // Random straight-line code over few names (so trees repeat), with reassignments, selections,
        // negations and functions: the values every statement assigns are the same before and after.
        var random = new Random(2024);
        int hoistedSomething = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var locals = new List<string> { "v", "m" };
            var body = new List<IrAssign>();
            for (int k = 0; k < 12; k++)
            {
                string target = random.Next(4) == 0 ? locals[random.Next(locals.Count)] : "t" + k;
                if (target == "v" || target == "m") target = "t" + k;
                body.Add(A(target, RandomTree(random, locals, 4)));
                if (!locals.Contains(target)) locals.Add(target);
            }
            var hoisted = CommonSubexpressions.Hoist(body, new[] { "v", "m" });
            if (hoisted.Count > body.Count) hoistedSomething++;
            Assert.Equal(body.Count, hoisted.Count(a => !a.Target.StartsWith(CommonSubexpressions.Prefix, StringComparison.Ordinal)));
            var inputs = new Dictionary<string, double> { ["v"] = random.NextDouble() - 0.5, ["m"] = random.NextDouble() * 2, ["k"] = 0.7, ["g"] = -1.3 };
            Assert.Equal(Trace(body, inputs), Trace(hoisted, inputs));
        }
        Assert.True(hoistedSomething > 100, $"only {hoistedSomething} of 300 bodies had something to hoist");
    }

    private static IrExpr RandomTree(Random random, List<string> locals, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            return random.Next(5) switch
            {
                0 => C(random.Next(3) * 0.5 + 0.25),
                1 => U(random.Next(2) == 0 ? "k" : "g"),
                _ => L(locals[random.Next(Math.Min(locals.Count, 4))]),
            };
        }
        return random.Next(8) switch
        {
            0 => Exp(Div(RandomTree(random, locals, depth - 1), C(7))),
            1 => new IrUnary(IrUnaryOp.Negate, RandomTree(random, locals, depth - 1)),
            2 => new IrSelect(new IrBinary(IrBinaryOp.Greater, RandomTree(random, locals, depth - 1), C(0)),
                RandomTree(random, locals, depth - 1), RandomTree(random, locals, depth - 1)),
            3 => IntegerPowers.Expand(Pow(RandomTree(random, locals, depth - 1), random.Next(2, 5)), true),
            4 => Div(RandomTree(random, locals, depth - 1), RandomTree(random, locals, depth - 1)),
            5 => new IrBinary(IrBinaryOp.Subtract, RandomTree(random, locals, depth - 1), RandomTree(random, locals, depth - 1)),
            _ => Mul(RandomTree(random, locals, depth - 1), RandomTree(random, locals, depth - 1)),
        };
    }

    /// <summary>The bits of every value the original statements assign, in order.</summary>
    private static List<long> Trace(IReadOnlyList<IrAssign> body, Dictionary<string, double> inputs)
    {
        var trace = new List<long>();
        Run(body, inputs, (target, value) =>
        {
            if (!target.StartsWith(CommonSubexpressions.Prefix, StringComparison.Ordinal)) trace.Add(BitConverter.DoubleToInt64Bits(value));
        });
        return trace;
    }

    private static Dictionary<string, double> Run(IReadOnlyList<IrAssign> body, Dictionary<string, double> inputs, Action<string, double>? assigned = null)
    {
        var env = new Dictionary<string, double>(inputs);
        foreach (var assign in body)
        {
            double value = Eval(assign.Value, env);
            env[assign.Target] = value;
            assigned?.Invoke(assign.Target, value);
        }
        return env;
    }

    private static double Eval(IrExpr expr, Dictionary<string, double> env) => expr switch
    {
        IrConstant c => c.Value,
        IrRef r => env[r.Name],
        IrNormal => 0.25,
        IrUnary { Op: IrUnaryOp.Negate } u => -Eval(u.Operand, env),
        IrBinary b => b.Op switch
        {
            IrBinaryOp.Add => Eval(b.Left, env) + Eval(b.Right, env),
            IrBinaryOp.Subtract => Eval(b.Left, env) - Eval(b.Right, env),
            IrBinaryOp.Multiply => Eval(b.Left, env) * Eval(b.Right, env),
            IrBinaryOp.Divide => Eval(b.Left, env) / Eval(b.Right, env),
            IrBinaryOp.Greater => Eval(b.Left, env) > Eval(b.Right, env) ? 1 : 0,
            _ => throw new NotSupportedException(b.Op.ToString()),
        },
        IrCall { Function: IrFunction.Exp } call => Math.Exp(Eval(call.Arguments[0], env)),
        IrCall { Function: IrFunction.Pow } call => Math.Pow(Eval(call.Arguments[0], env), Eval(call.Arguments[1], env)),
        IrSelect s => Eval(s.Condition, env) != 0 ? Eval(s.WhenTrue, env) : Eval(s.WhenFalse, env),
        _ => throw new NotSupportedException(expr.GetType().Name),
    };
}
