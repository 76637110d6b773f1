using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// Common-subexpression elimination over the straight-line code of one element (an elementwise
/// program's body): a subexpression that the code evaluates more than once — the same tree, over
/// the same values of the same locals — is computed once into a local <c>__cse0</c>,
/// <c>__cse1</c>, … (numbered in the order they are declared), declared just before the statement
/// that first needs it, with a comment saying what it is. In COBAHH's exponential Euler step
/// <c>m^3</c> and <c>n^4</c> appear in both A and B of the v equation; now each is computed once.
/// <para>
/// Values do not change, bit for bit: only identical trees are shared — the same operations
/// with the same grouping, so the same roundings in the same order — and every expression is
/// pure (IEEE arithmetic and math functions: no side effects, no exceptions), so computing it
/// earlier, or once instead of in a branch of a selection, gives the same result. A local's
/// reassignment (<c>x__new</c> frozen while refractory) starts a new version of it: a tree read
/// before and one read after are different values and are not shared. Conditions (cheap, and
/// printed differently in SIMD code) and noise draws, sums and array loads (not pure values of
/// the element's locals) are never hoisted; neither is a lone name, number or negated name.
/// </para>
/// <para>
/// Which subexpressions are hoisted is decided on the distinct trees, largest first: a tree is
/// hoisted when the code, with the larger hoisted trees computed once, still evaluates it at
/// least twice — so a tree that repeats only inside one hoisted larger tree stays inline there.
/// A repeated tree that is the whole value of a local assigned only once is not copied: the later
/// uses read that local. Everything is ordered by first occurrence: the output is deterministic.
/// </para>
/// </summary>
internal static class CommonSubexpressions
{
    /// <summary>Prefix of the hoisted locals (model names never contain "__", so none can meet them).</summary>
    public const string Prefix = "__cse";

    /// <summary>The statements with repeated subexpressions hoisted into locals (the input is not changed).</summary>
    /// <param name="body">Straight-line assignments, in order.</param>
    /// <param name="readOnly">Locals defined before <paramref name="body"/> (loaded states and inputs): never reused as the name of a hoisted tree.</param>
    public static List<IrAssign> Hoist(IReadOnlyList<IrAssign> body, IEnumerable<string>? readOnly = null)
    {
        var numbering = new Numbering();
        // Pass 1: number every distinct tree (value numbering, with local versions).
        var roots = new int[body.Count];
        for (int k = 0; k < body.Count; k++)
        {
            roots[k] = numbering.Number(body[k].Value, new Dictionary<IrExpr, int>(IrReferenceComparer.Instance));
            numbering.Assign(body[k].Target);
        }
        var nodes = numbering.Nodes;
        // How often each tree is evaluated once the hoisted trees are computed once: parents (larger
        // numbers: a tree is numbered after its children) before children.
        var uses = new int[nodes.Count];
        foreach (int root in roots) uses[root]++;
        var hoisted = new bool[nodes.Count];
        for (int id = nodes.Count - 1; id >= 0; id--)
        {
            hoisted[id] = nodes[id].Hoistable && uses[id] >= 2;
            int evaluations = hoisted[id] ? 1 : uses[id];
            if (evaluations == 0) continue;
            foreach (int child in nodes[id].Children) uses[child] += evaluations;
        }
        if (!hoisted.Any(h => h)) return body.ToList();

        // Pass 2: rewrite in order, declaring each hoisted tree before the statement that first evaluates it.
        var assignedOnce = new HashSet<string>(body.GroupBy(a => a.Target, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Key),
            StringComparer.Ordinal);
        if (readOnly is not null) assignedOnce.ExceptWith(readOnly);
        var locals = new Dictionary<int, string>();
        var result = new List<IrAssign>(body.Count);
        int next = 0;
        var rewriter = new Rewriter(numbering, hoisted, uses, locals, () => Prefix + next++.ToString(CultureInfo.InvariantCulture));
        numbering.ResetVersions();
        for (int k = 0; k < body.Count; k++)
        {
            var assign = body[k];
            var memo = new Dictionary<IrExpr, int>(IrReferenceComparer.Instance);
            IrExpr value;
            int root = numbering.Number(assign.Value, memo);
            if (root < hoisted.Length && hoisted[root] && !locals.ContainsKey(root) && assignedOnce.Contains(assign.Target))
            {
                // The statement computes the repeated tree itself: later uses read its target.
                value = rewriter.RewriteChildren(assign.Value, memo, assign, result);
                locals[root] = assign.Target;
            }
            else
            {
                value = rewriter.Rewrite(assign.Value, memo, assign, result);
            }
            result.Add(assign with { Value = value });
            numbering.Assign(assign.Target);
        }
        return result;
    }

    private sealed class Node
    {
        public Node(IrExpr expr, int[] children, bool hoistable)
        {
            Expr = expr;
            Children = children;
            Hoistable = hoistable;
        }

        /// <summary>The first occurrence (for the comment).</summary>
        public IrExpr Expr { get; }

        public int[] Children { get; }

        public bool Hoistable { get; }
    }

    /// <summary>Value numbers of trees: equal numbers, equal values.</summary>
    private sealed class Numbering
    {
        private readonly Dictionary<string, int> _byKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _versions = new(StringComparer.Ordinal);

        public List<Node> Nodes { get; } = new();

        public void Assign(string local) => _versions[local] = (_versions.TryGetValue(local, out int v) ? v : 0) + 1;

        public void ResetVersions() => _versions.Clear();

        /// <summary>The number of a tree; <paramref name="memo"/> holds the numbers of the nodes of one statement (trees may share nodes).</summary>
        public int Number(IrExpr expr, Dictionary<IrExpr, int> memo)
        {
            Diagnostics.StackGuard.Ensure();
            if (memo.TryGetValue(expr, out int known)) return known;
            int id;
            switch (expr)
            {
                case IrConstant constant:
                    id = Intern("c" + BitConverter.DoubleToInt64Bits(constant.Value).ToString(CultureInfo.InvariantCulture), expr, Array.Empty<int>(), false);
                    break;
                case IrRef { Kind: SlotKind.Uniform } uniform:
                    id = Intern("u" + uniform.Name, expr, Array.Empty<int>(), false);
                    break;
                case IrRef local:
                    id = Intern("l" + local.Name + "#" + (_versions.TryGetValue(local.Name, out int version) ? version : 0).ToString(CultureInfo.InvariantCulture),
                        expr, Array.Empty<int>(), false);
                    break;
                case IrUnary unary:
                {
                    int operand = Number(unary.Operand, memo);
                    bool hoistable = unary.Op == IrUnaryOp.Negate && !IsLeaf(unary.Operand) && Pure(operand);
                    id = Intern($"-{(int)unary.Op}({operand})", expr, new[] { operand }, hoistable);
                    break;
                }
                case IrBinary binary:
                {
                    int left = Number(binary.Left, memo), right = Number(binary.Right, memo);
                    id = Intern($"b{(int)binary.Op}({left},{right})", expr, new[] { left, right }, !binary.IsCondition && Pure(left) && Pure(right));
                    break;
                }
                case IrCall call:
                {
                    var args = call.Arguments.Select(a => Number(a, memo)).ToArray();
                    id = Intern($"f{(int)call.Function}({string.Join(",", args)})", expr, args, args.All(Pure));
                    break;
                }
                case IrSelect select:
                {
                    int[] parts = { Number(select.Condition, memo), Number(select.WhenTrue, memo), Number(select.WhenFalse, memo) };
                    id = Intern($"s({parts[0]},{parts[1]},{parts[2]})", expr, parts,
                        !select.WhenTrue.IsCondition && !select.WhenFalse.IsCondition && parts.All(Pure));
                    break;
                }
                default:
                    // Noise draws, sums, loads: a number of its own (never equal to another), never hoisted.
                    id = Intern("o" + Nodes.Count.ToString(CultureInfo.InvariantCulture), expr, Array.Empty<int>(), false);
                    _impure.Add(id);
                    break;
            }
            memo[expr] = id;
            return id;
        }

        private readonly HashSet<int> _impure = new();

        /// <summary>False when the tree contains a noise draw, a sum or a load.</summary>
        private bool Pure(int id) => !_impure.Contains(id);

        private int Intern(string key, IrExpr expr, int[] children, bool hoistable)
        {
            if (_byKey.TryGetValue(key, out int id)) return id;
            id = Nodes.Count;
            Nodes.Add(new Node(expr, children, hoistable));
            _byKey[key] = id;
            if (children.Any(c => _impure.Contains(c))) _impure.Add(id);
            return id;
        }
    }

    private static bool IsLeaf(IrExpr expr) => expr is IrConstant or IrRef;

    /// <summary>Rebuilds trees with hoisted subtrees replaced by their locals.</summary>
    private sealed class Rewriter
    {
        private readonly Numbering _numbering;
        private readonly bool[] _hoisted;
        private readonly int[] _uses;
        private readonly Dictionary<int, string> _locals;
        private readonly Func<string> _nextName;

        public Rewriter(Numbering numbering, bool[] hoisted, int[] uses, Dictionary<int, string> locals, Func<string> nextName)
        {
            _numbering = numbering;
            _hoisted = hoisted;
            _uses = uses;
            _locals = locals;
            _nextName = nextName;
        }

        public IrExpr Rewrite(IrExpr expr, Dictionary<IrExpr, int> memo, IrAssign at, List<IrAssign> output)
        {
            Diagnostics.StackGuard.Ensure();
            // Trees numbered anew in this pass (those holding a noise draw, a sum or a load) are never hoisted.
            int id = memo[expr];
            if (id >= _hoisted.Length || !_hoisted[id]) return RewriteChildren(expr, memo, at, output);
            if (!_locals.TryGetValue(id, out var name))
            {
                // Children first: a hoisted tree inside this one is declared before it.
                var value = RewriteChildren(expr, memo, at, output);
                name = _nextName();
                output.Add(new IrAssign(name, value, at.Line, $"{IrText.Print(_numbering.Nodes[id].Expr)}: computed once, used {_uses[id]} times"));
                _locals[id] = name;
            }
            return new IrRef(name, SlotKind.Local);
        }

        public IrExpr RewriteChildren(IrExpr expr, Dictionary<IrExpr, int> memo, IrAssign at, List<IrAssign> output) => expr switch
        {
            IrUnary unary => new IrUnary(unary.Op, Rewrite(unary.Operand, memo, at, output)),
            IrBinary binary => RewriteBinary(binary, memo, at, output),
            IrCall call => new IrCall(call.Function, call.Arguments.Select(a => Rewrite(a, memo, at, output)).ToList()),
            IrSelect select => RewriteSelect(select, memo, at, output),
            _ => expr,
        };

        // Left before right: hoisted trees are declared in the order C# evaluates them.
        private IrExpr RewriteBinary(IrBinary binary, Dictionary<IrExpr, int> memo, IrAssign at, List<IrAssign> output)
        {
            var left = Rewrite(binary.Left, memo, at, output);
            return new IrBinary(binary.Op, left, Rewrite(binary.Right, memo, at, output));
        }

        private IrExpr RewriteSelect(IrSelect select, Dictionary<IrExpr, int> memo, IrAssign at, List<IrAssign> output)
        {
            var condition = Rewrite(select.Condition, memo, at, output);
            var whenTrue = Rewrite(select.WhenTrue, memo, at, output);
            return new IrSelect(condition, whenTrue, Rewrite(select.WhenFalse, memo, at, output));
        }
    }
}
