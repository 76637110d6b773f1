using System.Text;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Units;

namespace DynLang.Core.Tests.Budgets;

/// <summary>
/// Issue 9, item 3: every costly stage has a budget (CompileBudget). Each test compiles a small,
/// pathological input that used to hang or take seconds and gigabytes, and asserts the located
/// diagnostic (or the cheaper form) and a bound on the work, stated as bytes allocated by the
/// compilation and characters generated — bounds that the old code exceeded many times over
/// (figures in each test). No test asserts a wall-clock time: the machine running them may be
/// heavily loaded. The only clock is a hang detector, 120 s, far beyond any plausible load.
/// </summary>
public sealed class BudgetTests
{
    private const string Path = "model.dyn";

    /// <summary>Compiles on another thread, failing if it has not finished after 120 s (a hang detector, not a timing).</summary>
    private static (CompilationResult Result, long AllocatedBytes) CompileMeasured(string text, CompileOptions? options = null)
    {
        var task = Task.Run(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var result = DynCompiler.Compile(Path, text, options);
            return (result, GC.GetAllocatedBytesForCurrentThread() - before);
        });
        Assert.True(task.Wait(TimeSpan.FromSeconds(120)), "the compilation did not finish within 120 s (hang detector)");
        return task.Result;
    }

    private const long MB = 1_000_000;

    private static Diagnostic Single(CompilationResult result, string id) => Assert.Single(result.Diagnostics, d => d.Id == id);

    private static string Spanned(string text, Diagnostic diagnostic) =>
        text.Substring(diagnostic.Location.Span.Start, diagnostic.Location.Span.Length);

    // ---- inlining of user functions -------------------------------------------------------------

    private static string Nested(int levels)
    {
        var sb = new StringBuilder("function f0(a) = a*a + 1\n");
        for (int i = 1; i <= levels; i++) sb.Append($"function f{i}(a) = f{i - 1}(f{i - 1}(a))\n");
        sb.Append($"system S {{\n  state x = 1\n  dx/dt = -f{levels}(x)\n}}\n");
        return sb.ToString();
    }

    private static string Doubling(int levels)
    {
        var sb = new StringBuilder("function f0(a) = a\n");
        for (int i = 1; i <= levels; i++) sb.Append($"function f{i}(a) = f{i - 1}(a) + f{i - 1}(a)\n");
        sb.Append($"system S {{\n  state x = 1\n  dx/dt = -f{levels}(x)\n}}\n");
        return sb.ToString();
    }

    [Fact]
    public void Inlining_that_squares_at_each_level_is_refused_on_the_call()
    {
        // f5 inlines to 2^32 nodes: it never returned. Now binding stops at 100,000 nodes.
        string text = Nested(5);
        var (result, allocated) = CompileMeasured(text);

        var diagnostic = Single(result, DiagnosticDescriptors.BudgetExceeded.Id);
        Assert.Equal("f5(x)", Spanned(text, diagnostic));
        Assert.Equal(9, diagnostic.Location.Start.Line + 1);   // the equation, after the six functions
        Assert.Equal(
            "inlining the user functions of this call of f5 would build an expression of more than 100,000 nodes " +
            "(f5 calls f4 twice, f4 calls f3 twice, f3 calls f2 twice, …); each level that uses a value twice doubles it: " +
            "compute the repeated value once as a definition (y = …) and use y",
            diagnostic.Message);
        Assert.DoesNotContain(result.Files, f => f.IsModelCode);
        Assert.True(allocated < 100 * MB, $"allocated {allocated / MB} MB");
    }

    [Fact]
    public void Inlining_that_doubles_at_each_level_is_refused_within_the_budget()
    {
        // Doubling 25 times: 22 s and 0.9 GB before; refusing it allocates a few MB.
        string text = Doubling(25);
        var (result, allocated) = CompileMeasured(text);

        var diagnostic = Single(result, DiagnosticDescriptors.BudgetExceeded.Id);
        Assert.Equal("f25(x)", Spanned(text, diagnostic));
        Assert.StartsWith("inlining the user functions of this call of f25 would build an expression of more than 100,000 nodes (f25 calls f24 twice",
            diagnostic.Message);
        Assert.True(allocated < 100 * MB, $"allocated {allocated / MB} MB");
    }

    [Fact]
    public void Inlining_below_the_budget_compiles_as_before()
    {
        // 2^10 copies of x (about 3,000 nodes) and f3 of the squaring chain (about 1,000): well within.
        foreach (string text in new[] { Doubling(10), Nested(3) })
        {
            var (result, _) = CompileMeasured(text);
            Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
            Assert.Single(result.ModelFiles());
        }
    }

    [Fact]
    public void Each_outermost_call_has_its_own_budget_and_its_own_diagnostic()
    {
        string text = Doubling(25).Replace("dx/dt = -f25(x)", "dx/dt = -f25(x) + f3(x) - f25(x)");
        var (result, _) = CompileMeasured(text);
        var spans = result.Diagnostics.Where(d => d.Id == DiagnosticDescriptors.BudgetExceeded.Id).Select(d => Spanned(text, d)).ToList();
        Assert.Equal(new[] { "f25(x)", "f25(x)" }, spans);
    }

    // ---- unit powers -----------------------------------------------------------------------------

    [Theory]
    [InlineData("2147483647", "2147483647 or more")]
    [InlineData("99999999999999999999", "2147483647 or more")]
    [InlineData("-2147483647", "-2147483647 or more")]
    [InlineData("101", "101")]
    public void A_unit_power_past_the_limit_is_reported_on_the_power(string power, string found)
    {
        // 1 m^2147483647 multiplied the scale 2^31 times (about 2 s per literal).
        string text = $"system S {{\n  param L = 1 m^{power}\n  state x = 1\n  dx/dt = -x\n}}\n";
        var (result, allocated) = CompileMeasured(text);

        var diagnostic = Single(result, DiagnosticDescriptors.InvalidExponent.Id);
        Assert.Equal("^" + power, Spanned(text, diagnostic));
        Assert.Equal($"the power of a unit is at most 100 in magnitude, found {found}; write a large factor as a number, such as 1e30",
            diagnostic.Message);
        Assert.DoesNotContain(result.Files, f => f.IsModelCode);
        Assert.True(allocated < 50 * MB, $"allocated {allocated / MB} MB");
    }

    [Fact]
    public void A_declared_unit_power_past_the_limit_is_reported_on_the_unit()
    {
        string text = "system S {\n  param L : m^2147483647 = 1\n  state x = 1\n  dx/dt = -x/second\n}\n";
        var (result, _) = CompileMeasured(text);

        var diagnostic = Single(result, DiagnosticDescriptors.InvalidExponent.Id);
        Assert.Equal("m^2147483647", Spanned(text, diagnostic));
        Assert.Equal("the power of a unit is at most 100 in magnitude, found 2147483647 or more", diagnostic.Message);
    }

    [Fact]
    public void Unit_powers_within_the_limit_keep_their_values()
    {
        string text = "system S {\n  param A = 2 um^2\n  param V = 1 m^100\n  param r = 3 s^-1\n  state x = 1\n  dx/dt = -r*x\n}\n";
        var (result, _) = CompileMeasured(text);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        Assert.Single(result.ModelFiles());
    }

    // ---- the exact solver's size -------------------------------------------------------------------

    private static string Coupled(int n, bool namedExact)
    {
        var sb = new StringBuilder("system S {\n");
        if (namedExact) sb.Append("  solver exact\n");
        for (int k = 0; k < n; k++) sb.Append($"  state x{k} = 1\n");
        for (int k = 0; k < n; k++) sb.Append($"  dx{k}/dt = -x{k} + 0.1*x{(k + 1) % n}\n");
        sb.Append("}\n");
        return sb.ToString();
    }

    [Theory]
    [InlineData(300, 3 * MB)]     // was 67 MB of C# in 11 s
    [InlineData(1000, 10 * MB)]   // never finished
    public void Many_coupled_linear_states_get_rk4_by_default(int n, long maxSource)
    {
        var (result, allocated) = CompileMeasured(Coupled(n, namedExact: false));

        var chosen = Single(result, DiagnosticDescriptors.SolverChosen.Id);
        Assert.Equal("S", Spanned(Coupled(n, false), chosen));
        Assert.Equal($"no solver named: using rk4 (exact does not apply: the exact solver propagates at most 16 states together and this model has {n}; " +
                     $"its propagator would have {(2L * n * n).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} entries, " +
                     "each a field and an assignment in the generated code)",
            chosen.Message);
        string source = Assert.Single(result.ModelFiles()).Source;
        Assert.Contains("integrated with solver rk4", source);
        Assert.True(source.Length < maxSource, $"generated {source.Length} characters");
        Assert.True(allocated < 200_000L * n, $"allocated {allocated / MB} MB");   // 2.3 GB at 300 states before
    }

    [Fact]
    public void Solver_exact_on_too_many_states_is_reported_on_the_solver_name()
    {
        string text = Coupled(300, namedExact: true);
        var (result, allocated) = CompileMeasured(text);

        var diagnostic = Single(result, DiagnosticDescriptors.ExactSolverNotApplicable.Id);
        Assert.Equal("exact", Spanned(text, diagnostic));
        Assert.EndsWith("the exact solver propagates at most 16 states together and this model has 300; its propagator would have " +
                        "180,000 entries, each a field and an assignment in the generated code; use rk4", diagnostic.Message);
        Assert.DoesNotContain(result.Files, f => f.IsModelCode);
        Assert.True(allocated < 50 * MB, $"allocated {allocated / MB} MB");
    }

    [Fact]
    public void Sixteen_coupled_states_are_still_exact()
    {
        var (result, _) = CompileMeasured(Coupled(CompileBudget.MaxExactStates, namedExact: false));
        Assert.Equal("no solver named: using exact (the equations are linear with coefficients constant over a step)",
            Single(result, DiagnosticDescriptors.SolverChosen.Id).Message);
    }

    // ---- the TorchSharp affine split ---------------------------------------------------------------

    [Fact]
    public void A_long_product_under_rk4_with_torch_stays_within_the_budget()
    {
        // 90 factors (a 231-byte model): rk4's stages inlined into ~k^4 nodes, ~30 s and 4.4 GB before.
        string text = "neuron N {\n  solver rk4\n  state x = 1\n  dx/dt = -" + string.Join("*", Enumerable.Repeat("x", 90)) + "\n}\n";
        var (result, allocated) = CompileMeasured(text, new CompileOptions(EmitTorch: true));

        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var torch = Assert.Single(result.Files, f => f.Source.Contains("class NTorch"));
        Assert.DoesNotContain(".lerp_(", torch.Source);   // not affine: the plain form
        Assert.True(allocated < 200 * MB, $"allocated {allocated / MB} MB");
    }

    [Fact]
    public void A_leaky_integrator_under_rk4_is_still_fused()
    {
        string text = "neuron N {\n  param tau = 10\n  solver rk4\n  state v = 0\n  dv/dt = (1 - v)/tau\n}\n";
        var (result, _) = CompileMeasured(text, new CompileOptions(EmitTorch: true));
        var torch = Assert.Single(result.Files, f => f.Source.Contains("class NTorch"));
        Assert.Contains(".lerp_(", torch.Source);
    }

    // ---- suggestions -----------------------------------------------------------------------------

    [Fact]
    public void A_huge_misspelt_name_gets_no_suggestion_and_costs_little()
    {
        // A declared 20,000-letter name, used with its last letter changed: 1.5 s of edit distance before.
        string name = new('q', 20_000);
        string text = $"system S {{\n  state {name}a = 1\n  d{name}a/dt = -{name}b\n}}\n";
        var (result, allocated) = CompileMeasured(text);

        var diagnostic = Single(result, DiagnosticDescriptors.UndefinedName.Id);
        Assert.Equal(name + "b", Spanned(text, diagnostic));
        Assert.DoesNotContain("did you mean", diagnostic.Message);
        Assert.True(allocated < 50 * MB, $"allocated {allocated / MB} MB");
    }

    [Fact]
    public void A_huge_unknown_unit_gets_no_suggestion()
    {
        string unit = new string('m', 20_000) + "V";
        string text = $"system S {{\n  param L = 1 {unit}\n  state x = 1\n  dx/dt = -x\n}}\n";
        var (result, allocated) = CompileMeasured(text);

        var diagnostic = Single(result, DiagnosticDescriptors.UnknownUnit.Id);
        Assert.Equal(unit, Spanned(text, diagnostic));
        Assert.EndsWith("' is not a unit", diagnostic.Message);
        Assert.True(allocated < 50 * MB, $"allocated {allocated / MB} MB");
    }

    [Fact]
    public void Short_misspellings_are_still_suggested()
    {
        var (result, _) = CompileMeasured("system S {\n  param tau_m = 1\n  state x = 1\n  dx/dt = -x/tau_n\n}\n");
        Assert.Contains("did you mean 'tau_m'?", Single(result, DiagnosticDescriptors.UndefinedName.Id).Message);
        Assert.Equal("mV", UnitCatalog.Suggest("mv"));
    }

    [Fact]
    public void The_banded_edit_distance_agrees_with_the_full_one_up_to_its_limit()
    {
        var random = new Random(9);
        for (int trial = 0; trial < 20_000; trial++)
        {
            string a = RandomWord(random), b = random.Next(3) == 0 ? Mutate(random, a) : RandomWord(random);
            int max = random.Next(0, 5);
            int full = EditDistance.Compute(a, b);
            Assert.Equal(Math.Min(full, max + 1), EditDistance.Within(a, b, max));
        }

        static string RandomWord(Random r) => new(Enumerable.Range(0, r.Next(0, 9)).Select(_ => "abc"[r.Next(3)]).ToArray());
        static string Mutate(Random r, string s)
        {
            var chars = s.ToList();
            for (int k = r.Next(1, 4); k > 0; k--)
            {
                int at = r.Next(chars.Count + 1);
                switch (r.Next(4))
                {
                    case 0: chars.Insert(at, 'a'); break;
                    case 1 when at < chars.Count: chars.RemoveAt(at); break;
                    case 2 when at < chars.Count: chars[at] = 'c'; break;
                    case 3 when at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
                }
            }
            return new string(chars.ToArray());
        }
    }
}
