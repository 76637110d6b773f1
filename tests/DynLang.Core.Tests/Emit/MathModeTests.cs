using DynLang.Core.Ast;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Syntax;
using DynLang.Core.Text;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Emit;

/// <summary>
/// The math modes (<c>math platform</c> / <c>math fast</c>, MSBuild DynLangMath): parsed, bound,
/// defaulted from the project, overridden by the model, misspellings reported where they are
/// written; the generated code calls FastMath and multiplies out integer powers only in fast mode.
/// </summary>
public sealed class MathModeTests
{
    private static string Model(string math = "") =>
        "neuron N {\n" +
        "  param tau = 10 ms, VT = -63 mV\n" +
        "  state v = -65 mV, m = 0.5, n = 0.5\n" +
        "  a = exp((v - VT)/(5 mV))\n" +
        "  dv/dt = -(v - VT)*m^3*n^4/tau\n" +
        "  dm/dt = (a*(1 - m) - m)/tau\n" +
        "  dn/dt = (exprel((v - VT)/(4 mV)) - n)/tau\n" +
        "  solver exponential_euler\n" +
        (math.Length > 0 ? $"  {math}\n" : "") +
        "}\n";

    private static CompilationResult Compile(string text, MathMode projectDefault = MathMode.Platform) =>
        DynCompiler.Compile("model.dyn", text, new CompileOptions(DefaultMathMode: projectDefault));

    private static string Code(string text, MathMode projectDefault = MathMode.Platform)
    {
        var result = Compile(text, projectDefault);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return Assert.Single(result.ModelFiles()).Source;
    }

    private static MathMode Lowered(string text, MathMode projectDefault)
    {
        var (model, diagnostics) = TestSupport.Compile.Bind(text);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        var bag = new DiagnosticBag(new SourceText("model.dyn", text));
        var kernel = ModelLowerer.Lower(model, "M", new CompileOptions(DefaultMathMode: projectDefault), bag);
        Assert.NotNull(kernel);
        return kernel!.MathMode;
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("platform")]
    public void The_math_member_is_parsed_and_bound(string mode)
    {
        var source = new SourceText("model.dyn", Model("math " + mode));
        var tree = SyntaxTree.Parse(source, new DiagnosticBag(source));
        var math = Assert.Single(tree.Root.Models.Single().Members.OfType<MathDecl>());
        Assert.Equal(mode, math.Name.Name);
        Assert.Equal("math " + mode, source.Text.Substring(math.Span.Start, math.Span.Length));

        var model = TestSupport.Compile.BindClean(Model("math " + mode));
        Assert.Equal(mode, model.Math?.Name.Name);
    }

    [Fact]
    public void Without_a_math_member_the_project_default_applies_and_that_is_platform_unless_set()
    {
        Assert.Equal(MathMode.Platform, CompileOptions.Default.DefaultMathMode);
        Assert.Null(TestSupport.Compile.BindClean(Model()).Math);
        Assert.Equal(MathMode.Platform, Lowered(Model(), MathMode.Platform));
        Assert.Equal(MathMode.Fast, Lowered(Model(), MathMode.Fast));
    }

    [Theory]
    [InlineData("math fast", MathMode.Platform, MathMode.Fast)]
    [InlineData("math platform", MathMode.Fast, MathMode.Platform)]
    [InlineData("math fast", MathMode.Fast, MathMode.Fast)]
    public void The_model_s_declaration_wins_over_the_project_s(string member, MathMode project, MathMode expected) =>
        Assert.Equal(expected, Lowered(Model(member), project));

    [Theory]
    [InlineData("fats", "; did you mean 'fast'?")]
    [InlineData("Fast", "; did you mean 'fast'?")]
    [InlineData("platfrom", "; did you mean 'platform'?")]
    [InlineData("quick", "")]
    public void An_unknown_mode_is_DL0129_at_its_name(string name, string hint)
    {
        var result = Compile(Model("math " + name));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("DL0129", error.Id);
        Assert.Equal($"model.dyn(9,8): error DL0129: unknown math mode '{name}'; expected 'platform' or 'fast'{hint}", error.ToString());
        Assert.DoesNotContain(result.Files, f => f.IsModelCode);
    }

    [Fact]
    public void A_second_math_member_is_a_duplicate_declaration()
    {
        var error = Assert.Single(Compile(Model("math fast\n  math platform")).Diagnostics, d => d.IsError);
        Assert.Equal("model.dyn(10,3): error DL0101: 'math' is already declared in neuron 'N' (line 9)", error.ToString());
    }

    [Fact]
    public void Math_is_a_keyword_and_FastMath_a_reserved_name()
    {
        var keyword = Compile("system S {\n  param math = 1\n  state x = 1\n  dx/dt = -math*x\n}\n");
        Assert.Contains(keyword.Diagnostics, d => d.Id == "DL0001");
        var reserved = Compile("system S {\n  param FastMath = 1\n  state x = 1\n  dx/dt = -FastMath*x\n}\n");
        Assert.Contains(reserved.Diagnostics, d => d.Id == "DL0119");
    }

    [Fact]
    public void Platform_mode_calls_the_platform_functions_and_pow_for_integer_powers()
    {
        string code = Code(Model());
        Assert.DoesNotContain("FastMath", code);
        Assert.Contains("Math.Exp(", code);
        Assert.Contains("ScalarMath.Exprel(", code);
        Assert.Contains("VectorMath.Exp(", code);
        Assert.Contains("Math.Pow(m, 3.0)", code);
        Assert.Contains("Math.Pow(n, 4.0)", code);
        Assert.Contains("VectorMath.Pow(m, ", code);
    }

    [Fact]
    public void Fast_mode_calls_FastMath_and_multiplies_out_integer_powers()
    {
        string code = StepRange(Code(Model("math fast")));
        Assert.Contains("FastMath.Exp(", code);
        Assert.Contains("FastMath.Exprel(", code);
        // No platform transcendental calls left in the kernel.
        Assert.DoesNotContain("Math.Exp(", code.Replace("FastMath.Exp(", ""));
        Assert.DoesNotContain("VectorMath.", code);
        Assert.DoesNotContain("Pow(", code);
        // m^3 = (m*m)*m and n^4 = (n*n)*(n*n), n*n computed once; the product m^3*n^4 (A and B of
        // the v equation both have it) is computed once too: scalar tail and SIMD body alike.
        Assert.Contains("double __cse0 = n * n;", code);
        Assert.Contains("double __cse1 = m * m * m * (__cse0 * __cse0);", code);
        Assert.Contains("var __cse0 = (n * n);", code);
        Assert.Contains("var __cse1 = (((m * m) * m) * (__cse0 * __cse0));", code);
    }

    [Fact]
    public void Readouts_stay_host_code_with_the_platform_functions()
    {
        // A definition's readout (a(Span<double>)) is evaluated on the host in double, like the
        // parameters: it is not the step's kernel, and keeps the platform functions.
        string code = Code(Model("math fast"));
        Assert.Contains("return Math.Exp((v - VT) / 0.005);", code);
    }

    /// <summary>The elementwise kernel: the method StepRange (SIMD body and scalar tail).</summary>
    private static string StepRange(string code)
    {
        int start = code.IndexOf("private void StepRange(", StringComparison.Ordinal);
        Assert.True(start >= 0, "no StepRange");
        int end = code.IndexOf("\n        }\n", start, StringComparison.Ordinal);
        return code.Substring(start, end - start);
    }

    [Fact]
    public void The_project_default_fast_applies_to_a_model_without_a_math_member()
    {
        Assert.Equal(Code(Model("math fast")), Code(Model(), MathMode.Fast));
        Assert.Equal(Code(Model()), Code(Model("math platform"), MathMode.Fast));
    }

    [Theory]
    [InlineData("x^3", "x * x * x")]
    [InlineData("x^-2", "1.0 / (x * x)")]
    [InlineData("x^-3", "1.0 / (x * x * x)")]
    [InlineData("x^5", "x * x * (x * x) * x")]
    [InlineData("x^16", "x * x * (x * x) * (x * x * (x * x)) * (x * x * (x * x) * (x * x * (x * x)))")]
    [InlineData("x^17", "FastMath.Pow(x, 17.0)")]
    [InlineData("x^2.5", "FastMath.Pow(x, 2.5)")]
    public void In_events_integer_powers_of_a_name_are_multiplied_out_by_repeated_squaring(string power, string expected)
    {
        // Event code gets no common-subexpression pass: the printer writes the product itself.
        string text = $"neuron E {{\n  state x = 2\n  dx/dt = -x\n  on x > 1 {{ x = {power} }}\n  solver euler\n  math fast\n}}\n";
        Assert.Contains($"x__new = {expected.Replace("x", "x__new")};", Code(text));
    }

    [Fact]
    public void Integer_powers_stay_pow_in_platform_mode_wherever_they_are()
    {
        string text = "neuron E {\n  state x = 2\n  dx/dt = -x^3\n  on x > 1 { x = x^-3 }\n  solver euler\n}\n";
        string code = Code(text);
        Assert.Contains("Math.Pow(x, 3.0)", code);
        Assert.Contains("Math.Pow(x__new, -3.0)", code);
        Assert.DoesNotContain("x * x", code);
    }

    [Fact]
    public void Fast_mode_reaches_indexed_and_field_kernels()
    {
        string rule = "rule R(x[j]) on W[i,j] {\n  param eta = 0.01\n  dW[i,j]/dt = eta*(tanh(x[j]) - W[i,j]^3)\n  math fast\n}\n";
        string code = Code(rule);
        Assert.Contains("FastMath.Tanh(", code);
        Assert.DoesNotContain("Math.Tanh(", code.Replace("FastMath.Tanh(", ""));
        Assert.DoesNotContain("Pow(", code);

        string field = "field F on grid1d(periodic) {\n  param D = 1\n  state u = 0\n  du/dt = D*laplacian(u) - sin(u)\n  math fast\n}\n";
        code = Code(field);
        Assert.Contains("FastMath.Sin(", code);
        Assert.DoesNotContain("VectorMath.Sin(", code);
    }

    [Fact]
    public void Functions_FastMath_lacks_keep_their_platform_calls()
    {
        string text = "system S {\n  state x = 1\n  dx/dt = -atan(x) - log10(1 + x*x)\n  solver euler\n  math fast\n}\n";
        string code = Code(text);
        Assert.Contains("Math.Atan(", code);
        Assert.Contains("VectorMath.Atan(", code);
        Assert.Contains("Math.Log10(", code);
        Assert.DoesNotContain("FastMath", code);
    }
}
