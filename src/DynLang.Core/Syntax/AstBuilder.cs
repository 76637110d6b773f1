using System;
using System.Collections.Generic;
using System.Linq;
using Antlr4.Runtime;
using Antlr4.Runtime.Tree;
using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax.Generated;
using DynLang.Core.Text;
using P = DynLang.Core.Syntax.Generated.DynLangParser;

namespace DynLang.Core.Syntax;

/// <summary>
/// Builds the AST from ANTLR's parse tree. The parse tree may be partial after syntax errors,
/// so every child is null-checked: a missing piece becomes a <see cref="MissingExpr"/> or is
/// skipped, never an exception. Besides shape, the builder decides two things the grammar
/// cannot: that <c>dv/dt</c> is a derivative of <c>v</c>, and that <c>d(E)/d(x)</c> is a
/// symbolic derivative.
/// </summary>
internal sealed class AstBuilder
{
    private readonly SourceText _source;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<TextSpan> _errorSpans = new();

    /// <summary>
    /// Where the builder found errors of its own (numbers out of range): like syntax errors,
    /// a model overlapping one is not bound, so the literal does not cascade into other errors.
    /// </summary>
    public IReadOnlyList<TextSpan> ErrorSpans => _errorSpans;

    public AstBuilder(SourceText source, DiagnosticBag diagnostics)
    {
        _source = source;
        _diagnostics = diagnostics;
    }

    public DynFile BuildFile(P.FileContext context)
    {
        QualifiedName? ns = context.namespaceDecl()?.name is { } name ? BuildQualifiedName(name) : null;
        var models = new List<ModelDecl>();
        var functions = new List<FunctionDecl>();
        foreach (var top in context.topLevel())
        {
            if (top.modelDecl() is { } model && BuildModel(model) is { } built) models.Add(built);
            else if (top.functionDecl() is { } function && BuildFunction(function) is { } f) functions.Add(f);
        }
        return new DynFile(ns, models, functions, SpanOf(context));
    }

    private QualifiedName BuildQualifiedName(P.QualifiedNameContext context) =>
        new(context.ID().Select(Id).ToList(), SpanOf(context));

    // ---- models -------------------------------------------------------------------------------

    private ModelDecl? BuildModel(P.ModelDeclContext context)
    {
        // After error recovery the name can be a token the parser made up ('<missing ID>', at
        // offset -1): such a model has no name to generate, declare or locate; the syntax error
        // is reported already.
        if (context.name is null || context.kind is null || context.name.StartIndex < 0) return null;
        ModelKind kind = context.kind.Start.Type switch
        {
            DynLangLexer.NEURON => ModelKind.Neuron,
            DynLangLexer.SYNAPSE => ModelKind.Synapse,
            DynLangLexer.RULE => ModelKind.Rule,
            DynLangLexer.FIELD => ModelKind.Field,
            _ => ModelKind.System,
        };
        var signature = context.signature?.signatureItem().Select(BuildSignatureItem).Where(s => s is not null)
            .Cast<SignatureItem>().ToList() ?? new List<SignatureItem>();
        ModelTarget? target = context.target is null ? null : BuildTarget(context.target);
        var members = new List<Member>();
        foreach (var member in context.member())
        {
            var built = BuildMember(member);
            if (built is not null) members.Add(built);
        }
        int headerEnd = context.LBRACE()?.Symbol is { } brace && brace.StartIndex >= 0
            ? brace.StopIndex + 1
            : TokenEnd(context.name);
        var header = TextSpan.FromBounds(context.Start.StartIndex, headerEnd);
        return new ModelDecl(kind, Id(context.name), signature, target, members, header, SpanOf(context));
    }

    private SignatureItem? BuildSignatureItem(P.SignatureItemContext context) => context switch
    {
        P.PrePostSignatureContext pp when pp.model is not null =>
            new PrePostSignature(pp.role.Type == DynLangLexer.PRE, Id(pp.model), SpanOf(pp)),
        P.InputSignatureContext input when input.name is not null =>
            new InputSignature(Id(input.name), Indices(input.indices), BuildUnit(input.unit), SpanOf(input)),
        _ => null,
    };

    private ModelTarget? BuildTarget(P.ModelTargetContext context) => context switch
    {
        P.IndexedTargetContext indexed when indexed.name is not null =>
            new IndexedTarget(Id(indexed.name), Indices(indexed.indices), SpanOf(indexed)),
        P.GridTargetContext grid when grid.name is not null =>
            new GridTarget(Id(grid.name), grid.boundary().Select(BuildBoundary).Where(b => b is not null)
                .Cast<BoundarySpec>().ToList(), SpanOf(grid)),
        P.NamedTargetContext named when named.name is not null => new NamedTarget(Id(named.name), SpanOf(named)),
        _ => null,
    };

    private BoundarySpec? BuildBoundary(P.BoundaryContext context)
    {
        if (context.kind is null) return null;
        // 'order 4': a bare number after the name reads as the value, like order(4).
        Expr? value = context.value is not null ? BuildExpr(context.value)
            : context.number is not null ? Number(context.number.Text, TextSpan.FromBounds(context.number.StartIndex, context.number.StopIndex + 1))
            : null;
        return new BoundarySpec(context.side is null ? null : Id(context.side), Id(context.kind), value, SpanOf(context));
    }

    private List<Identifier> Indices(P.IndexListContext? context) =>
        context?.ID().Select(Id).ToList() ?? new List<Identifier>();

    // ---- members ------------------------------------------------------------------------------

    private Member? BuildMember(P.MemberContext context)
    {
        if (context.paramDecl() is { } param) return BuildVariables(VariableRole.Param, param.variableItem(), param);
        if (context.stateDecl() is { } state) return BuildVariables(VariableRole.State, state.variableItem(), state);
        if (context.inputDecl() is { } input) return BuildVariables(VariableRole.Input, input.variableItem(), input);
        if (context.odeEquation() is { } ode) return BuildOde(ode);
        if (context.definition() is { } definition) return BuildDefinition(definition);
        if (context.eventBlock() is { } eventBlock) return BuildEvent(eventBlock);
        if (context.solverDecl() is { } solver) return BuildSolver(solver);
        if (context.surrogateDecl() is { } surrogate && surrogate.name is not null)
            return new SurrogateDecl(Id(surrogate.name), surrogate.solverOption().Where(o => o.name is not null)
                .Select(o => new SolverOption(Id(o.name), BuildExpr(o.value), SpanOf(o))).ToList(), SpanOf(surrogate));
        if (context.invariantDecl() is { } invariant && invariant.name is not null)
            return new InvariantDecl(Id(invariant.name), BuildUnit(invariant.unit), BuildExpr(invariant.value), SpanOf(invariant));
        if (context.energyDecl() is { } energy && energy.name is not null)
            return new EnergyDecl(Id(energy.name), BuildUnit(energy.unit), BuildExpr(energy.value), SpanOf(energy));
        if (context.assertDecl() is { } assert && BuildAssertion(assert.assertion()) is { } assertion)
            return new AssertDecl(assertion, SpanOf(assert));
        if (context.functionDecl() is { } function) return BuildFunction(function);
        if (context.precisionDecl() is { } precision && precision.name is not null)
            return new PrecisionDecl(Id(precision.name), SpanOf(precision));
        if (context.mathDecl() is { } math && math.name is not null)
            return new MathDecl(Id(math.name), SpanOf(math));
        return null;
    }

    private VariableDecl BuildVariables(VariableRole role, P.VariableItemContext[] items, ParserRuleContext context)
    {
        var built = new List<VariableItem>();
        foreach (var item in items)
        {
            if (item.name is null) continue;
            ValueRange? range = null;
            if (item.range is { } r)
            {
                range = new ValueRange(BuildExpr(r.low), BuildExpr(r.high),
                    r.open?.Type == DynLangLexer.LBRACK, r.close?.Type == DynLangLexer.RBRACK, SpanOf(r));
            }
            var flags = item.declFlag().Select(f => new DeclFlag(f.Start.Type switch
            {
                DynLangLexer.SYMMETRIC => DeclFlagKind.Symmetric,
                DynLangLexer.POSITIVE => DeclFlagKind.Positive,
                DynLangLexer.NEGATIVE => DeclFlagKind.Negative,
                DynLangLexer.NONNEGATIVE => DeclFlagKind.Nonnegative,
                DynLangLexer.NONPOSITIVE => DeclFlagKind.Nonpositive,
                _ => DeclFlagKind.Constant,
            }, SpanOf(f))).ToList();
            built.Add(new VariableItem(Id(item.name), Indices(item.indices), BuildUnit(item.unit),
                item.value is null ? null : BuildExpr(item.value), range, flags, SpanOf(item)));
        }
        return new VariableDecl(role, built, SpanOf(context));
    }

    private OdeEquation? BuildOde(P.OdeEquationContext context)
    {
        if (context.derivative is null) return null;
        IToken derivative = context.derivative;
        string text = derivative.Text ?? "";
        var lhsEnd = context.dt is not null ? TokenEnd(context.dt) : TokenEnd(derivative);
        var lhsSpan = TextSpan.FromBounds(derivative.StartIndex, lhsEnd);
        string timeName = context.dt?.Text ?? "";
        if (text.Length < 2 || text[0] != 'd' || timeName != "dt")
        {
            // Reported once here; the binder skips the equation (binding it would add follow-on errors).
            _diagnostics.Report(DiagnosticDescriptors.InvalidDerivative, lhsSpan, _source.Slice(lhsSpan));
        }
        bool malformed = text.Length < 2 || text[0] != 'd' || timeName != "dt";
        var stateName = text.Length >= 2 && text[0] == 'd' ? text.Substring(1) : text;
        var state = new Identifier(stateName,
            TextSpan.FromBounds(derivative.StartIndex + (text.Length >= 2 && text[0] == 'd' ? 1 : 0), derivative.StopIndex + 1));
        return new OdeEquation(state, Indices(context.indices), BuildExpr(context.rhs), Flags(context.flags), lhsSpan,
            SpanOf(context)) { IsMalformed = malformed };
    }

    private List<EquationFlag> Flags(P.EquationFlagsContext? context) =>
        context?.equationFlag().Select(f => new EquationFlag(f switch
        {
            P.EventDrivenFlagContext => EquationFlagKind.EventDriven,
            P.ClockDrivenFlagContext => EquationFlagKind.ClockDriven,
            P.UnlessRefractoryFlagContext => EquationFlagKind.UnlessRefractory,
            P.SummedFlagContext => EquationFlagKind.Summed,
            _ => EquationFlagKind.Constant,
        }, SpanOf(f))).ToList() ?? new List<EquationFlag>();

    private Definition? BuildDefinition(P.DefinitionContext context)
    {
        if (context.target is null || BuildReference(context.target) is not { } target) return null;
        return new Definition(target, BuildUnit(context.unit), BuildExpr(context.rhs), Flags(context.flags), SpanOf(context));
    }

    private EventBlock? BuildEvent(P.EventBlockContext context)
    {
        EventTrigger? trigger = context.trigger switch
        {
            P.PreTriggerContext pre => new PreTrigger(SpanOf(pre)),
            P.PostTriggerContext post => new PostTrigger(SpanOf(post)),
            P.ConditionTriggerContext condition => new ConditionTrigger(BuildExpr(condition.condition), SpanOf(condition)),
            _ => null,
        };
        if (trigger is null) return null;
        var statements = new List<Statement>();
        foreach (var statement in context.statement())
        {
            switch (statement)
            {
                case P.AssignStatementContext assign when assign.target is not null:
                    if (BuildReference(assign.target) is { } target)
                    {
                        AssignOp op = assign.op?.Type switch
                        {
                            DynLangLexer.PLUS_ASSIGN => AssignOp.Add,
                            DynLangLexer.MINUS_ASSIGN => AssignOp.Subtract,
                            DynLangLexer.STAR_ASSIGN => AssignOp.Multiply,
                            DynLangLexer.SLASH_ASSIGN => AssignOp.Divide,
                            _ => AssignOp.Assign,
                        };
                        statements.Add(new AssignStatement(target, op, BuildExpr(assign.value), SpanOf(assign)));
                    }
                    break;
                case P.EmitStatementContext emit when emit.@event is not null:
                    statements.Add(new EmitStatement(Id(emit.@event), SpanOf(emit)));
                    break;
                case P.RefractoryStatementContext refractory:
                    statements.Add(new RefractoryStatement(BuildExpr(refractory.duration), SpanOf(refractory)));
                    break;
            }
        }
        return new EventBlock(trigger, statements, SpanOf(context));
    }

    private SolverDecl? BuildSolver(P.SolverDeclContext context)
    {
        if (context.name is null) return null;
        var options = context.solverOption().Where(o => o.name is not null)
            .Select(o => new SolverOption(Id(o.name), BuildExpr(o.value), SpanOf(o))).ToList();
        return new SolverDecl(Id(context.name), options, SpanOf(context));
    }

    private Assertion? BuildAssertion(P.AssertionContext? context) => context switch
    {
        P.PredicateAssertionContext predicate when predicate.predicate is not null =>
            new PredicateAssertion(Id(predicate.predicate),
                predicate.arguments()?.expr().Select(BuildExpr).ToList() ?? new List<Expr>(),
                predicate.LPAREN() is not null, SpanOf(predicate)),
        P.ConditionAssertionContext condition => new ConditionAssertion(BuildExpr(condition.condition), SpanOf(condition)),
        _ => null,
    };

    private FunctionDecl? BuildFunction(P.FunctionDeclContext context)
    {
        if (context.name is null) return null;
        var parameters = context.ID().Skip(1).Select(Id).ToList();
        return new FunctionDecl(Id(context.name), parameters, context.body is null ? null : BuildExpr(context.body),
            SpanOf(context));
    }

    // ---- expressions --------------------------------------------------------------------------

    private Expr BuildExpr(P.ExprContext? context)
    {
        StackGuard.Ensure();
        switch (context)
        {
            case null:
                return new MissingExpr(new TextSpan(_source.Text.Length, 0));
            case P.PrimaryExprContext primary:
                return BuildPrimary(primary.primary());
            case P.PowerExprContext power:
                // Right-associative: the parser recursed on x^x^x as deep, and its prescan bounds that.
                return Binary(BinaryOp.Power, power.left, power.right, power.op, power);
            case P.UnaryExprContext unary:
            {
                UnaryOp op = unary.op?.Type switch
                {
                    DynLangLexer.MINUS => UnaryOp.Negate,
                    DynLangLexer.PLUS => UnaryOp.Plus,
                    _ => UnaryOp.Not,
                };
                return new UnaryExpr(op, BuildExpr(unary.operand), SpanOf(unary));
            }
            default:
                if (LeftAssociative(context) is null) return new MissingExpr(SpanOf(context));
                return BuildLeftChain(context);
        }
    }

    /// <summary>
    /// A chain of left-associative operators (a + b - c*d + …) is a parse tree as deep as the
    /// chain is long, built by the parser in a loop: it is built here in a loop too (down the
    /// left spine, then folded), so a long sum costs no stack. Only the right operands recurse,
    /// and they are shallow (a deeper one needs parentheses, which the parser's prescan bounds).
    /// </summary>
    private Expr BuildLeftChain(P.ExprContext context)
    {
        var spine = new List<P.ExprContext>();
        P.ExprContext? current = context;
        while (current is not null && LeftAssociative(current) is { } operands)
        {
            spine.Add(current);
            current = operands.Left;
        }
        Expr result = BuildExpr(current);
        for (int k = spine.Count - 1; k >= 0; k--)
        {
            var node = spine[k];
            var (_, right, opToken) = LeftAssociative(node)!.Value;
            BinaryOp op = Operator(node);
            var opSpan = opToken is null || opToken.StartIndex < 0
                ? SpanOf(node)
                : TextSpan.FromBounds(opToken.StartIndex, opToken.StopIndex + 1);
            var built = new BinaryExpr(op, result, BuildExpr(right), opSpan, SpanOf(node));
            result = op == BinaryOp.Divide ? RecognizeDerivative(built) : built;
        }
        return result;
    }

    /// <summary>The operands and operator of a left-associative binary context; null for any other context.</summary>
    private static (P.ExprContext? Left, P.ExprContext? Right, IToken? Op)? LeftAssociative(P.ExprContext? context) => context switch
    {
        P.MultiplicativeExprContext c => (c.left, c.right, c.op),
        P.AdditiveExprContext c => (c.left, c.right, c.op),
        P.ComparisonExprContext c => (c.left, c.right, c.op),
        P.EqualityExprContext c => (c.left, c.right, c.op),
        P.AndExprContext c => (c.left, c.right, c.op),
        P.OrExprContext c => (c.left, c.right, c.op),
        _ => null,
    };

    private static BinaryOp Operator(P.ExprContext context) => context switch
    {
        P.MultiplicativeExprContext c => c.op?.Type switch
        {
            DynLangLexer.STAR => BinaryOp.Multiply,
            DynLangLexer.SLASH => BinaryOp.Divide,
            _ => BinaryOp.Modulo,
        },
        P.AdditiveExprContext c => c.op?.Type == DynLangLexer.MINUS ? BinaryOp.Subtract : BinaryOp.Add,
        P.ComparisonExprContext c => c.op?.Type switch
        {
            DynLangLexer.LT => BinaryOp.Less,
            DynLangLexer.LE => BinaryOp.LessOrEqual,
            DynLangLexer.GT => BinaryOp.Greater,
            _ => BinaryOp.GreaterOrEqual,
        },
        P.EqualityExprContext c => c.op?.Type == DynLangLexer.NE ? BinaryOp.NotEqual : BinaryOp.Equal,
        P.AndExprContext => BinaryOp.And,
        _ => BinaryOp.Or,
    };

    private Expr Binary(BinaryOp op, P.ExprContext? left, P.ExprContext? right, IToken? opToken, ParserRuleContext context)
    {
        var opSpan = opToken is null || opToken.StartIndex < 0
            ? SpanOf(context)
            : TextSpan.FromBounds(opToken.StartIndex, opToken.StopIndex + 1);
        return new BinaryExpr(op, BuildExpr(left), BuildExpr(right), opSpan, SpanOf(context));
    }

    /// <summary>
    /// <c>d(E)/d(x)</c> is written as a quotient of two calls of <c>d</c>. Because prefix minus and
    /// products bind before the quotient, <c>-d(E)/d(x)</c> and <c>2*d(E)/d(x)</c> arrive as
    /// (−d(E))/d(x) and (2·d(E))/d(x); the derivative is moved inside: −(d(E)/d(x)), 2·(d(E)/d(x)).
    /// </summary>
    private static Expr RecognizeDerivative(BinaryExpr quotient)
    {
        if (quotient.Right is not CallExpr { Callee.Name: "d", Arguments.Count: 1 } wrt || wrt.Arguments[0] is not Reference variable)
            return quotient;
        Expr? Rewrite(Expr numerator) => numerator switch
        {
            CallExpr { Callee.Name: "d", Arguments.Count: 1 } of =>
                new DerivativeExpr(of.Arguments[0], variable, TextSpan.FromBounds(of.Span.Start, quotient.Span.End)),
            UnaryExpr { Op: UnaryOp.Negate or UnaryOp.Plus } unary when Rewrite(unary.Operand) is { } inner =>
                unary with { Operand = inner, Span = quotient.Span },
            BinaryExpr { Op: BinaryOp.Multiply } product when Rewrite(product.Right) is { } inner =>
                product with { Right = inner, Span = quotient.Span },
            _ => null,
        };
        return Rewrite(quotient.Left) ?? quotient;
    }

    private Expr BuildPrimary(P.PrimaryContext? context)
    {
        switch (context)
        {
            case P.NumberPrimaryContext number when number.number is not null:
                if (!InRange(number.number.Text, TextSpan.FromBounds(number.number.StartIndex, number.number.StopIndex + 1)))
                    return new MissingExpr(SpanOf(number));
                if (number.unit is null) return new NumberLiteral(number.number.Text, SpanOf(number));
                int power = 1;
                if (number.unitPower?.exponent is { } exponent && exponent.Text.Length > 0 && exponent.Text.All(c => c is >= '0' and <= '9'))
                {
                    // A power past int is kept as int.MaxValue: the binder reports it against
                    // CompileBudget.MaxUnitPower (DL0204), with the rest of the model's errors.
                    string digits = exponent.Text.TrimStart('0');
                    int p = digits.Length == 0 ? 0
                        : digits.Length > 9 ? int.MaxValue
                        : (int)Math.Min(int.MaxValue, long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture));
                    power = number.unitPower.sign is null ? p : -p;
                }
                else if (number.unitPower is not null)
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidExponent, SpanOf(number.unitPower),
                        "the power of a unit after a number must be a whole number, such as um^2 or s^-1");
                    return new MissingExpr(SpanOf(number));
                }
                return new QuantityLiteral(number.number.Text, Id(number.unit), power, SpanOf(number));
            case P.CallPrimaryContext call when call.callee is not null:
                return new CallExpr(Id(call.callee), call.arguments()?.expr().Select(BuildExpr).ToList() ?? new List<Expr>(),
                    SpanOf(call));
            case P.ReferencePrimaryContext reference when BuildReference(reference.reference()) is { } built:
                return built;
            case P.ParenPrimaryContext paren:
                // The parentheses belong to the expression's span: a diagnostic on "(a - b)" covers them.
                return BuildExpr(paren.inner) with { Span = SpanOf(paren) };
            default:
                return new MissingExpr(context is null ? new TextSpan(_source.Text.Length, 0) : SpanOf(context));
        }
    }

    private Expr Number(string text, TextSpan span) => InRange(text, span) ? new NumberLiteral(text, span) : new MissingExpr(span);

    /// <summary>
    /// DL0004 for a number no double can hold: 1e309 would silently become infinity, 1e-400
    /// would silently become 0 (and then divide by zero, or pass as the unit-free 0). Subnormal
    /// numbers (down to about 4.9e-324) are doubles and are read as C# reads them.
    /// </summary>
    private bool InRange(string text, TextSpan span)
    {
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value))
            return true;
        string? problem = double.IsInfinity(value) ? $"the number {text} is too large for a double (the largest is about 1.8e308)"
            : value == 0 && !IsWrittenZero(text) ? $"the number {text} is too small for a double: it would be 0 (the smallest is about 4.9e-324)"
            : null;
        if (problem is null) return true;
        _diagnostics.Report(DiagnosticDescriptors.NumberOutOfRange, span, problem);
        _errorSpans.Add(span);
        return false;
    }

    /// <summary>True for 0, 0.0, 0e5: no digit other than 0 before the exponent.</summary>
    internal static bool IsWrittenZero(string text)
    {
        foreach (char c in text)
        {
            if (c is 'e' or 'E') break;
            if (c is >= '1' and <= '9') return false;
        }
        return true;
    }

    private Reference? BuildReference(P.ReferenceContext? context)
    {
        if (context?.name is null) return null;
        Identifier? scope = context.scope is null ? null : Id(context.scope);
        var indices = context.expr().Select(BuildExpr).ToList();
        return new Reference(scope, Id(context.name), indices, SpanOf(context));
    }

    // ---- units --------------------------------------------------------------------------------

    private UnitExpr? BuildUnit(P.UnitExprContext? context)
    {
        if (context is null) return null;
        UnitExpr? result = null;
        var factors = context.unitFactor();
        for (int i = 0; i < factors.Length; i++)
        {
            var factor = BuildUnitFactor(factors[i]);
            if (factor is null) continue;
            if (result is null)
            {
                result = factor;
                continue;
            }
            // The operator before factor i is child 2i-1 of the unitExpr context.
            var op = context.GetChild(2 * i - 1) as ITerminalNode;
            bool division = op?.Symbol.Type == DynLangLexer.SLASH;
            result = new UnitBinaryExpr(division, result, factor, result.Span.Cover(factor.Span));
        }
        return result;
    }

    private UnitExpr? BuildUnitFactor(P.UnitFactorContext context)
    {
        if (context.unitExpr() is { } inner) return BuildUnit(inner);
        string? power = context.exponent is null ? null : (context.sign is null ? "" : "-") + context.exponent.Text;
        if (context.name is not null) return new UnitNameExpr(Id(context.name), power, SpanOf(context));
        if (context.one is not null) return new UnitNumberExpr(context.one.Text, power, SpanOf(context));
        return null;
    }

    // ---- spans --------------------------------------------------------------------------------

    // A token the parser made up in error recovery has offsets -1: its span is empty, at 0 (clamped again where reported).
    private static Identifier Id(IToken token) => token.StartIndex < 0
        ? new(token.Text ?? "", new TextSpan(0, 0))
        : new(token.Text ?? "", TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1));

    private static Identifier Id(ITerminalNode node) => Id(node.Symbol);

    private static int TokenEnd(IToken token) => token.StopIndex + 1;

    private TextSpan SpanOf(ParserRuleContext context)
    {
        int start = context.Start?.StartIndex ?? 0;
        IToken? stop = context.Stop;
        // After error recovery Stop can precede Start (an empty rule) or be EOF.
        int end = stop is null || stop.Type == TokenConstants.EOF || stop.StopIndex < start
            ? start
            : stop.StopIndex + 1;
        start = Math.Max(0, Math.Min(start, _source.Text.Length));
        end = Math.Max(start, Math.Min(end, _source.Text.Length));
        return TextSpan.FromBounds(start, end);
    }
}
