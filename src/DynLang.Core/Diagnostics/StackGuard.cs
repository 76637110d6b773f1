using System;
using System.Runtime.CompilerServices;

namespace DynLang.Core.Diagnostics;

/// <summary>
/// The compiler's limits on nesting, and the backstop against stack overflow. Every stage walks
/// trees recursively; a stack overflow cannot be caught and kills the build or the IDE's
/// analyzer process, so:
/// <list type="bullet">
/// <item>the parser and the AST builder measure nesting first and report
/// <see cref="DiagnosticDescriptors.NestingTooDeep"/> (DL0003) beyond these limits, so that the
/// later stages never see deeper trees;</item>
/// <item>every recursive walk over user-derived trees calls <see cref="Ensure"/> on entry: when
/// the thread's stack runs low anyway (a small thread, deep trees the limits did not foresee,
/// such as definitions substituted into each other), it throws
/// <see cref="InsufficientExecutionStackException"/>, which <c>DynCompiler</c> and
/// <c>SyntaxTree.Parse</c> catch at their stage boundaries and turn into DL0003.</item>
/// </list>
/// The limits are sized for a 1 MiB thread (an IDE analyzer thread, of which Roslyn already uses
/// part): the stack each stage uses per level was measured (see the tests in
/// Robustness/NestingDepthTests and docs/language.md, "Limits").
/// </summary>
public static class StackGuard
{
    /// <summary>
    /// Most nesting levels in one expression, counting parentheses, brackets, calls, runs of
    /// prefix operators and chains of the right-associative <c>^</c>: what the parser recurses on.
    /// Measured (Debug build, unoptimised tier-0 JIT code, the worst case): about 1.5–1.9 KiB of
    /// stack per level, nearly all of it ANTLR's parser, so 100 levels is about 190 KiB of a
    /// 1 MiB thread; the runtime's margin (128 KiB) and the caller's frames (Roslyn's) keep the rest.
    /// </summary>
    public const int MaxNesting = 100;

    /// <summary>
    /// Most levels in one expression tree after parsing: left-associative chains
    /// (<c>a + b + … </c>, <c>a*b*…</c>) are loops in the parser but trees of that depth for
    /// the binder, the unit checker, the symbolic engine and the emitters. The same limit
    /// applies to an expression with the definitions it uses substituted (a chain of definitions
    /// <c>d2 = d1 + x</c>, <c>d3 = d2 + x</c>, …). Measured (tier-0): about 530–700 B per
    /// level in the deepest stage, so 1000 levels is about 700 KiB: a 1,000-term sum compiles on a
    /// bare 1 MiB thread; on a thread whose caller already used much of it, the backstop reports
    /// DL0003 instead.
    /// </summary>
    public const int MaxExpressionDepth = 1000;

    /// <summary>Most factors in one unit annotation (<c>: mV*mV*…</c>).</summary>
    public const int MaxUnitFactors = 100;

    /// <summary>
    /// Throws <see cref="InsufficientExecutionStackException"/> when the current thread's stack
    /// is nearly exhausted (the runtime keeps a margin of tens of KiB for the caller's catch).
    /// Call it at the top of every recursive method over user-derived trees.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ensure() => RuntimeHelpers.EnsureSufficientExecutionStack();

    /// <summary><see cref="Ensure"/>, then <paramref name="value"/>: for expression-bodied recursive members (<c>=&gt; Checked(expr) switch { … }</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Checked<T>(T value)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return value;
    }
}
