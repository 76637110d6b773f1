using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Symbolic;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>
/// The exact solver: for x' = A x + b with A and b constant over a step,
/// x(t+dt) = P x(t) + Q b with P = e^{A dt} and Q = ∫₀^dt e^{A s} ds — the blocks of e^{M dt}
/// for the augmented matrix M = [[A, I], [0, 0]].
/// <para>
/// Symbolically, when the states can be ordered so that each depends only on later ones (A
/// triangular — leaky membranes driven by decaying synaptic currents, alpha synapses): every
/// entry is a sum over dependency paths of the path's coefficients times a divided difference
/// of exp(λ·dt) over the eigenvalues along the path. Equal eigenvalues (alpha functions) give
/// the confluent forms (dt·e^{λ dt}, …) exactly.
/// </para>
/// <para>
/// Numerically, by the matrix exponential (Padé, scaling and squaring) when the dependencies
/// form a cycle, and — at run time — whenever two eigenvalues that the formulas divide by their
/// difference come within a relative 1e-5 of each other (the symbolic form would lose digits).
/// The propagator is recomputed only when dt or the parameters change.
/// </para>
/// </summary>
internal sealed class ExactPropagation
{
    /// <summary>Below this |difference·dt| a divided difference is evaluated by the matrix exponential instead.</summary>
    public const double SingularThreshold = 1e-5;

    private const int MaxSymbolicStates = 6;

    private readonly LinearSystem _system;
    private readonly Sym _dt = Expr.Symbol("dt");
    private readonly Dictionary<string, Expr> _dividedDifferences = new(StringComparer.Ordinal);
    private readonly List<Expr> _denominators = new();

    private ExactPropagation(LinearSystem system) => _system = system;

    /// <summary>
    /// Why <paramref name="states"/> states are too many to propagate exactly
    /// (<see cref="Compilation.CompileBudget.MaxExactStates"/>), or null when they are not. Asked before
    /// the linear analysis, which differentiates every equation by every state.
    /// </summary>
    public static string? TooManyStates(int states) =>
        states <= Compilation.CompileBudget.MaxExactStates ? null
            : $"the exact solver propagates at most {Compilation.CompileBudget.MaxExactStates} states together and this model has {states}; " +
              $"its propagator would have {(2L * states * states).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} entries, each a field and an assignment in the generated code";

    /// <summary>The propagation of a linear system, or null (with the reason) when it cannot be generated.</summary>
    public static ExactPropagation? TryCreate(LinearSystem system, out string reason)
    {
        reason = "";
        if (!system.IsUniform && (system.TriangularOrder() is null || system.Count > MaxSymbolicStates))
        {
            reason = "the coefficients vary from element to element (they use inputs) and the states are coupled in a cycle, " +
                     "so there is no closed form to evaluate per element; use rk4";
            return null;
        }
        return new ExactPropagation(system);
    }

    /// <summary>The system this propagates.</summary>
    public LinearSystem Linear => _system;

    /// <summary>
    /// The differences of eigenvalues the closed form divides by (empty for cyclic systems, which
    /// use the matrix exponential only). Computing them runs the symbolic construction once.
    /// </summary>
    public IReadOnlyList<Expr> Denominators()
    {
        var order = _system.Count <= MaxSymbolicStates ? _system.TriangularOrder() : null;
        if (order is null) return Array.Empty<Expr>();
        if (_denominators.Count == 0) ComputeSymbolicEntries(order, new Dictionary<(char, int, int), Expr>());
        return _denominators.Distinct().ToList();
    }

    /// <summary>Name of the uniform or local holding P[k,j] or Q[k,j].</summary>
    private string EntryName(char block, int k, int j) =>
        $"__{block}_{_system.States[k].Name}_{_system.States[j].Name}";

    /// <summary>Adds the propagator computation and the per-element update to the program.</summary>
    public void Emit(ElementwiseProgram program, ElementwiseLowerer lowerer)
    {
        int n = _system.Count;
        var order = n <= MaxSymbolicStates ? _system.TriangularOrder() : null;
        // entries[(block, k, j)] = symbolic value, for the non-zero entries.
        var entries = new Dictionary<(char Block, int K, int J), Expr>();
        if (order is not null) ComputeSymbolicEntries(order, entries);

        var toIr = new SymbolicToIr(sym => sym.Name == "dt"
            ? new IrRef("dt", SlotKind.Uniform)
            : _system.States.Any(s => s.Name == sym.Name) ? new IrRef(sym.Name, SlotKind.Local)
            : IsParameter(sym.Name) ? new IrRef(sym.Name, SlotKind.Uniform)
            : new IrRef(sym.Name, SlotKind.Local));

        // Which entries can be non-zero: all of them for the numeric path (cyclic systems).
        var nonZero = order is not null
            ? entries.Keys.ToList()
            : Enumerable.Range(0, n).SelectMany(k => Enumerable.Range(0, n).SelectMany(j => new[] { ('P', k, j), ('Q', k, j) })).ToList();

        if (_system.IsUniform)
        {
            var block = new PropagatorBlock { Size = 2 * n, HasSymbolic = order is not null };
            if (order is not null)
            {
                foreach (var key in nonZero.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ThenBy(e => e.Item3))
                    block.Symbolic.Add(new IrAssign(EntryName(key.Item1, key.Item2, key.Item3), toIr.Convert(entries[key])));
                foreach (var denominator in _denominators) block.Denominators.Add(toIr.Convert(denominator));
            }
            for (int k = 0; k < n; k++)
            {
                for (int j = 0; j < n; j++)
                    if (!_system.IsZero(k, j)) block.Matrix.Add((k, j, toIr.Convert(_system.A[k, j])));
                block.Matrix.Add((k, n + k, new IrConstant(1)));
            }
            foreach (var (b, k, j) in nonZero.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ThenBy(e => e.Item3))
                block.Outputs.Add((EntryName(b, k, j), k, b == 'P' ? j : n + j));
            program.Propagator = block;
        }
        else
        {
            foreach (var key in nonZero.OrderBy(e => e.Item1).ThenBy(e => e.Item2).ThenBy(e => e.Item3))
                lowerer.Add(EntryName(key.Item1, key.Item2, key.Item3), toIr.Convert(entries[key]), 0,
                    key == nonZero.First() ? "propagator entries (coefficients vary per element)" : null);
        }

        // When the propagator is uniform, the forcing Σ_j Q[k,j]·b_j is folded: its parameter-only
        // parts become uniforms computed once per step, so the per-element update is
        // x_k' = Σ P[k,j]·x_j + Σ F[k,m]·u_m + F[k,0] over the inputs u_m — no division per element.
        var folded = _system.IsUniform && program.Propagator is { } propagatorBlock ? FoldForcing(nonZero, propagatorBlock) : null;
        var forcing = new string[n];
        if (folded is null)
        {
            for (int j = 0; j < n; j++)
            {
                if (!nonZero.Any(e => e.Item1 == 'Q' && e.Item3 == j)) continue;
                forcing[j] = $"{_system.States[j].Name}__b";
                lowerer.Add(forcing[j], toIr.Convert(_system.B[j]), _system.States[j].Equation!.Syntax.Span.Start,
                    $"inhomogeneous part of d{_system.States[j].Name}/dt");
            }
        }
        for (int k = 0; k < n; k++)
        {
            IrExpr? sum = null;
            void Term(IrExpr term) => sum = sum is null ? term : new IrBinary(IrBinaryOp.Add, sum, term);
            IrExpr Entry(char b, int j) => _system.IsUniform ? new IrRef(EntryName(b, k, j), SlotKind.Uniform) : new IrRef(EntryName(b, k, j), SlotKind.Local);
            for (int j = 0; j < n; j++)
                if (nonZero.Contains(('P', k, j))) Term(new IrBinary(IrBinaryOp.Multiply, Entry('P', j), new IrRef(_system.States[j].Name, SlotKind.Local)));
            if (folded is not null)
            {
                foreach (var (uniform, monomial) in folded[k])
                    Term(monomial is null ? new IrRef(uniform, SlotKind.Uniform)
                        : new IrBinary(IrBinaryOp.Multiply, new IrRef(uniform, SlotKind.Uniform), toIr.Convert(monomial)));
            }
            else
            {
                for (int j = 0; j < n; j++)
                    if (nonZero.Contains(('Q', k, j))) Term(new IrBinary(IrBinaryOp.Multiply, Entry('Q', j), new IrRef(forcing[j], SlotKind.Local)));
            }
            var state = _system.States[k];
            lowerer.Add(ElementwiseLowerer.NewLocal(state), sum ?? new IrRef(state.Name, SlotKind.Local), state.Equation!.Syntax.Span.Start,
                folded is null ? $"exact: {state.Name}(t+dt) = Σ P·x + Σ Q·b" : $"exact: {state.Name}(t+dt) = Σ P·x + Σ F·u (forcing folded per step)");
        }
    }

    /// <summary>
    /// For each state k, Σ_j Q[k,j]·b_j expanded and grouped by the per-element factors (inputs):
    /// each group's parameter-only coefficient becomes a uniform, added to the propagator block as
    /// a value derived from it. Null when an input enters non-polynomially or the expansion is too big.
    /// </summary>
    private List<(string Uniform, Expr? Monomial)>[]? FoldForcing(List<(char, int, int)> nonZero, PropagatorBlock block)
    {
        int n = _system.Count;
        var result = new List<(string, Expr?)>[n];
        var derived = new List<IrAssign>();
        var hostIr = new SymbolicToIr(sym => new IrRef(sym.Name, SlotKind.Uniform));
        try
        {
            for (int k = 0; k < n; k++)
            {
                var terms = new List<Expr>();
                for (int j = 0; j < n; j++)
                    if (nonZero.Contains(('Q', k, j))) terms.Add(Expr.Mul(Expr.Symbol(EntryName('Q', k, j)), _system.B[j]));
                var total = Expander.Expand(Expr.Add(terms), SymbolicBudget.CreateDefault());
                var groups = new Dictionary<Expr, List<Expr>>();
                var order = new List<Expr>();
                foreach (var term in total is Add add ? add.Terms : total.IsZero ? Array.Empty<Expr>() : new[] { total })
                {
                    var factors = term is Mul mul ? mul.Factors.Prepend(Expr.Number(mul.Coefficient)).ToList() : new List<Expr> { term };
                    var perElement = factors.Where(f => f.FreeSymbols().Any(sym => !IsUniformName(sym.Name))).ToList();
                    if (perElement.Any(f => f is not (Sym or Pow { Base: Sym, Exponent: Num }))) return null;
                    var monomial = perElement.Count == 0 ? Expr.One : Expr.Mul(perElement);
                    var coefficient = Expr.Mul(factors.Where(f => !perElement.Contains(f)));
                    if (!groups.TryGetValue(monomial, out var list))
                    {
                        groups[monomial] = list = new List<Expr>();
                        order.Add(monomial);
                    }
                    list.Add(coefficient);
                }
                result[k] = new List<(string, Expr?)>();
                int m = 0;
                foreach (var monomial in order.OrderBy(x => x))
                {
                    string name = $"__F_{_system.States[k].Name}_{m++}";
                    derived.Add(new IrAssign(name, hostIr.Convert(Expr.Add(groups[monomial]))));
                    result[k].Add((name, monomial.IsOne ? null : monomial));
                }
            }
        }
        catch (Exception e) when (e is SymbolicBudgetExceededException or NotSupportedException)
        {
            return null;
        }
        block.Derived.AddRange(derived);
        return result;
    }

    private bool IsUniformName(string name) => name == "dt" || name.StartsWith("__", StringComparison.Ordinal) || ParameterNames.Contains(name);

    private bool IsParameter(string name) => !_system.States.Any(s => s.Name == name) && ParameterNames.Contains(name);

    /// <summary>Names of scalar parameters (set by the caller through <see cref="WithParameters"/>).</summary>
    private HashSet<string> ParameterNames { get; set; } = new();

    /// <summary>Tells which names are parameters (uniform) rather than inputs (per element).</summary>
    public ExactPropagation WithParameters(IEnumerable<ParameterSymbol> parameters)
    {
        ParameterNames = new HashSet<string>(parameters.Where(p => p.Rank == 0).Select(p => p.Name));
        return this;
    }

    // ---- symbolic entries by path sums of divided differences ---------------------------------

    private void ComputeSymbolicEntries(int[] order, Dictionary<(char, int, int), Expr> entries)
    {
        int n = _system.Count;
        // Node p of the augmented DAG: p < n is state order[p]; p >= n is the forcing of state p-n.
        int size = 2 * n;
        Expr Lambda(int node) => node < n ? _system.A[order[node], order[node]] : Expr.Zero;
        Expr? Edge(int from, int to)
        {
            if (from >= n) return null;
            int k = order[from];
            if (to < n)
            {
                int j = order[to];
                return k != j && !_system.IsZero(k, j) ? _system.A[k, j] : null;
            }
            return to - n == k ? Expr.One : null;
        }

        for (int start = 0; start < n; start++)
        {
            // Depth-first enumeration of increasing paths from `start`.
            var path = new List<int> { start };
            var sums = new Dictionary<int, Expr>();
            void Walk(Expr weight)
            {
                int last = path[path.Count - 1];
                var dd = DividedDifference(path.Select(Lambda).ToList());
                var term = Expr.Mul(weight, dd);
                sums[last] = sums.TryGetValue(last, out var existing) ? Expr.Add(existing, term) : term;
                for (int next = last + 1; next < size; next++)
                {
                    var edge = Edge(last, next);
                    if (edge is null) continue;
                    path.Add(next);
                    Walk(Expr.Mul(weight, edge));
                    path.RemoveAt(path.Count - 1);
                }
            }
            Walk(Expr.One);
            int k = order[start];
            foreach (var pair in sums)
            {
                int node = pair.Key;
                var value = pair.Value;
                if (value is Num { Value.IsZero: true }) continue;
                var key = node < n ? ('P', k, order[node]) : ('Q', k, node - n);
                entries[key] = value;
            }
        }
    }

    /// <summary>exp(λ·dt) divided over the nodes; confluent nodes give dt^m/m!·exp(λ·dt).</summary>
    private Expr DividedDifference(List<Expr> nodes)
    {
        var sorted = nodes.OrderBy(x => x).ToList();
        string key = string.Join("|", sorted.Select(x => x.ToString()));
        if (_dividedDifferences.TryGetValue(key, out var cached)) return cached;
        Expr result;
        if (sorted.Count == 1)
        {
            result = Expr.Exp(Expr.Mul(sorted[0], _dt));
        }
        else
        {
            int other = sorted.FindIndex(x => !SameValue(x, sorted[0]));
            if (other < 0)
            {
                int m = sorted.Count - 1;
                long factorial = 1;
                for (int i = 2; i <= m; i++) factorial *= i;
                result = Expr.Mul(Expr.Pow(_dt, Expr.Number(m)), Expr.Number(1, factorial), Expr.Exp(Expr.Mul(sorted[0], _dt)));
            }
            else
            {
                var a = sorted[0];
                var b = sorted[other];
                var withoutA = new List<Expr>(sorted);
                withoutA.RemoveAt(0);
                var withoutB = new List<Expr>(sorted);
                withoutB.RemoveAt(other);
                var difference = Expr.Sub(b, a);
                if (difference is not Num) _denominators.Add(difference);
                result = Expr.Div(Expr.Sub(DividedDifference(withoutA), DividedDifference(withoutB)), difference);
            }
        }
        _dividedDifferences[key] = result;
        return result;
    }

    private static bool SameValue(Expr a, Expr b) => a.Equals(b) || ZeroTester.IsZero(Expr.Sub(a, b)).IsProven;
}
