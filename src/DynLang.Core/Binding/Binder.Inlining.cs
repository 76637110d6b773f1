using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Compilation;

namespace DynLang.Core.Binding;

public sealed partial class Binder
{
    private readonly InliningBudget _inlining;

    /// <summary>
    /// Counts the nodes that inlining the user functions of one outermost call builds, as a tree
    /// (a shared argument counts once per use), and stops at <see cref="CompileBudget.MaxInlinedNodes"/>:
    /// a function that uses its argument, or calls another, twice doubles the expression at each level.
    /// </summary>
    private sealed class InliningBudget
    {
        private readonly Dictionary<string, FunctionDecl> _functions;
        private IReadOnlyList<string> _chain = Array.Empty<string>();

        public InliningBudget(Dictionary<string, FunctionDecl> functions) => _functions = functions;

        /// <summary>Nesting of user calls being bound (0: not inside one).</summary>
        public int Depth { get; set; }

        /// <summary>Nodes counted since the outermost call began.</summary>
        public long Nodes { get; private set; }

        /// <summary>True once the outermost call has gone over the budget; binding then stops.</summary>
        public bool Exceeded { get; set; }

        /// <summary>An outermost call begins.</summary>
        public void Start()
        {
            Nodes = 0;
            Exceeded = false;
            _chain = Array.Empty<string>();
        }

        /// <summary>Counts nodes added to the tree (checked only inside a user call).</summary>
        public void Count(long nodes, BindingScope scope)
        {
            Nodes += nodes;
            if (Depth == 0 || Exceeded || Nodes <= CompileBudget.MaxInlinedNodes) return;
            Exceeded = true;
            _chain = scope.FunctionStack.ToList();
        }

        /// <summary>The DL0902 message for an outermost call of <paramref name="function"/>.</summary>
        /// <remarks>
        /// Names what doubles: the functions reachable from <paramref name="function"/> (those on
        /// the chain where the budget ran out first) that call another function, or use an
        /// argument, more than once.
        /// </remarks>
        public string Describe(string function)
        {
            var order = new List<string>(_chain.Count > 0 ? _chain : new[] { function });
            if (order[0] != function) order.Insert(0, function);
            var seen = new HashSet<string>(order, StringComparer.Ordinal);
            var reasons = new List<string>();
            for (int k = 0; k < order.Count && k < 64; k++)
            {
                if (!_functions.TryGetValue(order[k], out var declaration) || declaration.Body is null) continue;
                var nodes = AstWalker.Descendants(declaration.Body).Prepend(declaration.Body).ToList();
                var callees = nodes.OfType<CallExpr>().Select(c => c.Callee.Name).Where(_functions.ContainsKey).ToList();
                foreach (var callee in callees.Distinct().OrderBy(c => order.IndexOf(c) is var i && i >= 0 ? i : int.MaxValue))
                {
                    int calls = callees.Count(c => c == callee);
                    if (calls >= 2) reasons.Add($"{order[k]} calls {callee} {Times(calls)}");
                    if (seen.Add(callee)) order.Add(callee);
                }
                foreach (var parameter in declaration.Parameters)
                {
                    int uses = nodes.Count(n => n is Reference { Scope: null, Indices.Count: 0 } r && r.Name.Name == parameter.Name);
                    if (uses >= 2) reasons.Add($"{order[k]} uses {parameter.Name} {Times(uses)}");
                }
            }
            string why = reasons.Count == 0 ? ""
                : " (" + string.Join(", ", reasons.Take(3)) + (reasons.Count > 3 ? ", …" : "") + ")";
            return $"inlining the user functions of this call of {function} would build an expression of more than " +
                   $"{CompileBudget.MaxInlinedNodes.ToString("N0", CultureInfo.InvariantCulture)} nodes{why}; " +
                   "each level that uses a value twice doubles it: compute the repeated value once as a definition " +
                   "(y = …) and use y";
        }

        private static string Times(int count) => count == 2 ? "twice" : $"{count} times";
    }
}
