using System.Text;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using Xunit.Abstractions;

namespace DynLang.Core.Tests.Robustness;

/// <summary>
/// Issue 9, item 1: no stack overflow at any depth. Each shape is compiled at 10^2 … 10^5 levels
/// on a thread of 1 MiB (an IDE analyzer thread's size). A stack overflow cannot be caught: it
/// would kill the test host, which is the failure these tests guard against. Every run must
/// return, never report DL0900, and either compile cleanly or report DL0003 (and no other
/// error) inside the file.
/// </summary>
public sealed class NestingDepthTests
{
    private const int OneMiB = 1024 * 1024;
    private readonly ITestOutputHelper _output;

    public NestingDepthTests(ITestOutputHelper output) => _output = output;

    public enum Shape
    {
        Parentheses,
        UnaryMinus,
        PowerChain,
        NestedCalls,
        FlatSum,
        FlatProduct,
        DefinitionChain,
        ReversedDefinitionChain,
        UnitFactors,
        NestedDerivatives,
    }

    public static TheoryData<Shape, int> Cases()
    {
        var data = new TheoryData<Shape, int>();
        foreach (Shape shape in Enum.GetValues<Shape>())
            foreach (int n in new[] { 100, 1_000, 10_000, 100_000 })
                data.Add(shape, n);
        return data;
    }

    /// <summary>The model text of <paramref name="shape"/> at <paramref name="n"/> levels.</summary>
    internal static string Model(Shape shape, int n)
    {
        var b = new StringBuilder();
        b.Append("system Deep {\n  param k = 0.5\n  state x = 1\n");
        switch (shape)
        {
            case Shape.Parentheses:
                b.Append("  dx/dt = -k*").Append('(', n).Append('x').Append(')', n).Append('\n');
                break;
            case Shape.UnaryMinus:
                b.Append("  dx/dt = -k*x + ").Append(Repeat("- ", n)).Append("0\n");
                break;
            case Shape.PowerChain:
                // x^x^…^x: right-associative, the parser recurses once per '^'.
                b.Append("  dx/dt = -k*x + 0*").Append(Repeat("x^", n)).Append("x\n");
                break;
            case Shape.NestedCalls:
                b.Append("  dx/dt = -k*").Append(Repeat("exp(", n)).Append("0").Append(')', n).Append("*x\n");
                break;
            case Shape.FlatSum:
                // n terms, n-1 operators: a tree exactly n deep after parsing.
                b.Append("  dx/dt = 0").Append(Repeat(" + x", n - 2)).Append(" - ").Append(n - 1).Append("*x\n");
                break;
            case Shape.FlatProduct:
                b.Append("  dx/dt = k").Append(Repeat("*1", n - 2)).Append("*x\n");
                break;
            case Shape.DefinitionChain:
                b.Append("  d0 = x\n");
                for (int i = 1; i <= n; i++) b.Append("  d").Append(i).Append(" = d").Append(i - 1).Append(" + x\n");
                b.Append("  dx/dt = -k*d").Append(n).Append(" + k*").Append(n).Append("*x\n");
                break;
            case Shape.ReversedDefinitionChain:
                // Declared last-first: the binder binds each definition when it is first used.
                b.Append("  dx/dt = -k*d").Append(n).Append(" + k*").Append(n).Append("*x\n");
                for (int i = n; i >= 1; i--) b.Append("  d").Append(i).Append(" = d").Append(i - 1).Append(" + x\n");
                b.Append("  d0 = x\n");
                break;
            case Shape.UnitFactors:
                // n factors: 1*1*…*1 (a model without units stays one).
                b.Append("  param a : 1").Append(Repeat("*1", n - 1)).Append(" = 2\n  dx/dt = -k*a*x/(10 ms)\n");
                break;
            case Shape.NestedDerivatives:
                // d(d(…d(x^3)/d(x)…)/d(x))/d(x)
                b.Append("  dx/dt = -k*x + 0*").Append(Repeat("d(", n)).Append("x^3");
                for (int i = 0; i < n; i++) b.Append(")/d(x)");
                b.Append('\n');
                break;
        }
        b.Append("}\n");
        return b.ToString();
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * Math.Max(0, count)).Insert(0, text, Math.Max(0, count)).ToString();

    /// <summary>Compiles on a thread with a 1 MiB stack; an exception escaping is returned, not thrown.</summary>
    internal static (CompilationResult? Result, Exception? Error) CompileOnSmallThread(string text, int stackSize = OneMiB)
    {
        CompilationResult? result = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { result = DynCompiler.Compile("deep.dyn", text); }
            catch (Exception e) { error = e; }
        }, stackSize);
        thread.Start();
        thread.Join();
        return (result, error);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnyDepth_Returns_CompilingOrReportingDL0003InsideTheFile(Shape shape, int n)
    {
        string text = Model(shape, n);
        var (result, error) = CompileOnSmallThread(text);

        Assert.Null(error);
        Assert.NotNull(result);
        var errors = result!.Diagnostics.Where(d => d.IsError).ToList();
        _output.WriteLine($"{shape} at {n}: {(errors.Count == 0 ? "compiles" : string.Join("\n", errors.Select(e => e.ToString().Length > 300 ? e.ToString()[..300] : e.ToString())))}");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticDescriptors.InternalError.Id);
        foreach (var diagnostic in result.Diagnostics)
        {
            Assert.Equal("deep.dyn", diagnostic.Location.Path);
            Assert.InRange(diagnostic.Location.Span.Start, 0, text.Length);
            Assert.InRange(diagnostic.Location.Span.End, diagnostic.Location.Span.Start, text.Length);
        }
        if (errors.Count == 0)
        {
            Assert.Single(result.Files, f => f.IsModelCode);
            return;
        }
        // Too deep: DL0003 and nothing else (no cascade of follow-on errors), and no code.
        Assert.All(errors, e => Assert.Equal(DiagnosticDescriptors.NestingTooDeep.Id, e.Id));
        Assert.DoesNotContain(result.Files, f => f.IsModelCode);
    }

    /// <summary>What must compile: every shape at 100 levels, and the flat shapes at 1,000.</summary>
    [Theory]
    [InlineData(Shape.Parentheses, 100)]
    [InlineData(Shape.UnaryMinus, 99)]
    [InlineData(Shape.PowerChain, 99)]
    [InlineData(Shape.NestedCalls, 100)]
    [InlineData(Shape.FlatSum, 100)]
    [InlineData(Shape.FlatProduct, 100)]
    [InlineData(Shape.DefinitionChain, 100)]
    [InlineData(Shape.ReversedDefinitionChain, 100)]
    [InlineData(Shape.UnitFactors, 100)]
    [InlineData(Shape.NestedDerivatives, 10)]
    [InlineData(Shape.FlatSum, 1_000)]
    [InlineData(Shape.FlatProduct, 1_000)]
    [InlineData(Shape.FlatSum, StackGuard.MaxExpressionDepth - 1)]
    [InlineData(Shape.DefinitionChain, 450)]
    public void WithinTheLimits_Compiles(Shape shape, int n)
    {
        var (result, error) = CompileOnSmallThread(Model(shape, n));
        Assert.Null(error);
        var problems = result!.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems.Select(p => p.Length > 400 ? p[..400] : p)));
        Assert.Single(result.Files, f => f.IsModelCode);
    }

    /// <summary>Nesting beyond the limit is reported at the first token beyond it, with the real depth.</summary>
    [Fact]
    public void DeepParentheses_AreReportedAtTheFirstParenthesisBeyondTheLimit_WithTheRealDepth()
    {
        string text = Model(Shape.Parentheses, 10_000);
        var (result, _) = CompileOnSmallThread(text);
        var error = Assert.Single(result!.Diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticDescriptors.NestingTooDeep.Id, error.Id);
        Assert.Equal($"expression nested too deeply: 10000 levels, at most {StackGuard.MaxNesting}", error.Message);
        int firstParenthesis = text.IndexOf('(');
        Assert.Equal(firstParenthesis + StackGuard.MaxNesting, error.Location.Span.Start);
        // The model is still declared (its name is known), but gets no code.
        var model = Assert.Single(result.Models);
        Assert.Equal("Deep", model.Name);
        Assert.False(model.Generated);
    }

    /// <summary>A too-deep model leaves the file's other models intact.</summary>
    [Fact]
    public void ATooDeepModel_LeavesTheOtherModelsOfTheFile()
    {
        string text = "system Before {\n  state y = 1\n  dy/dt = -y\n}\n" + Model(Shape.Parentheses, 100_000).Replace("system Deep", "system Deep") +
                      "system After {\n  state z = 1\n  dz/dt = -(z)\n}\n";
        var (result, error) = CompileOnSmallThread(text);
        Assert.Null(error);
        var errors = result!.Diagnostics.Where(d => d.IsError).ToList();
        Assert.Equal(DiagnosticDescriptors.NestingTooDeep.Id, Assert.Single(errors).Id);
        Assert.Equal(new[] { "After", "Before" }, result.Models.Where(m => m.Generated).Select(m => m.Name).Order());
    }

    /// <summary>
    /// The backstops: on a thread far smaller than the limits are sized for, the parser's own
    /// guard (or a later stage's StackGuard) may stop first. Whether it does depends on the JIT:
    /// optimised (tier-1) frames are several times smaller than the first, unoptimised ones, so
    /// the same text may compile cleanly once the code is warm. Either way: no crash, no DL0900,
    /// only DL0003 located in the file, and the file's other model compiles.
    /// </summary>
    [Theory]
    [InlineData(Shape.Parentheses, StackGuard.MaxNesting)]
    [InlineData(Shape.NestedCalls, StackGuard.MaxNesting)]
    [InlineData(Shape.FlatSum, StackGuard.MaxExpressionDepth)]
    [InlineData(Shape.DefinitionChain, 450)]
    [InlineData(Shape.ReversedDefinitionChain, 450)]
    public void OnASmallThread_EitherCompilesOrTheBackstopsReportDL0003(Shape shape, int n)
    {
        string text = "system Other {\n  state y = 1\n  dy/dt = -y\n}\n" + Model(shape, n);
        var (result, error) = CompileOnSmallThread(text, stackSize: 256 * 1024);

        Assert.Null(error);
        var errors = result!.Diagnostics.Where(d => d.IsError).ToList();
        _output.WriteLine(errors.Count == 0 ? "compiles" : string.Join("\n", errors));
        Assert.All(errors, e => Assert.Equal(DiagnosticDescriptors.NestingTooDeep.Id, e.Id));
        Assert.All(errors, e => Assert.InRange(e.Location.Span.End, 0, text.Length));
        Assert.Contains(result.Models, m => m.Name == "Other" && m.Generated);
        Assert.Equal(errors.Count == 0, result.Models.Single(m => m.Name == "Deep").Generated);
    }

    /// <summary>The parser's guard itself, deterministically: past its rule depth it stops with its own exception.</summary>
    [Fact]
    public void TheParsersRuleDepthGuard_StopsTheParse()
    {
        var tokens = new Antlr4.Runtime.CommonTokenStream(new DynLang.Core.Syntax.Generated.DynLangLexer(
            new Antlr4.Runtime.AntlrInputStream(Model(Shape.Parentheses, 50)), TextWriter.Null, TextWriter.Null));
        var parser = new DynLang.Core.Syntax.Generated.DynLangParser(tokens, TextWriter.Null, TextWriter.Null) { MaxRuleDepth = 40 };
        parser.RemoveErrorListeners();

        var stopped = Assert.Throws<DynLang.Core.Syntax.Generated.ParseTooDeepException>(() => parser.file());
        Assert.Equal(41, stopped.Depth);

        // Within the depth it parses: the counter goes back down as rules return.
        var again = new DynLang.Core.Syntax.Generated.DynLangParser(new Antlr4.Runtime.CommonTokenStream(new DynLang.Core.Syntax.Generated.DynLangLexer(
            new Antlr4.Runtime.AntlrInputStream(Model(Shape.FlatSum, 500)), TextWriter.Null, TextWriter.Null)), TextWriter.Null, TextWriter.Null) { MaxRuleDepth = 40 };
        again.file();
        Assert.Equal(0, again.RuleDepth);
    }
}
