using System.Collections.Generic;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Lowering;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch.Pinn;

/// <summary>
/// Writes a field's right-hand side in its continuous form as TorchSharp statements of one
/// generated method. The bound expression is lowered by the ordinary <see cref="ExpressionLowerer"/>
/// (arithmetic and built-in functions as every backend has them), except that each spatial operator
/// becomes a tensor local computed by autograd (<c>__D(e, a)</c> = ∂e/∂a at every point):
/// <c>laplacian(E)</c> → Σ_a ∂²E/∂a², <c>div(K*grad(E))</c> → Σ_a ∂(K·∂E/∂a)/∂a,
/// <c>d(E)/d(x)</c> and <c>grad(E)</c> on grid1d → ∂E/∂x, <c>upwind(c, E[, y])</c> → c·∂E/∂x (∂y).
/// Every name is a tensor: states are the network's outputs, parameters are tensors (so gradients
/// reach <c>ParameterTensors</c>), <c>t</c> is the time coordinate. A definition is written once, on
/// first use. What has no continuous form (<c>dt</c>) throws <see cref="LoweringException"/>, which
/// <see cref="PinnSupport"/> turns into DL0350 before anything is emitted.
/// </summary>
internal sealed class PinnExpressionWriter
{
    private readonly CodeWriter _w;
    private readonly int _dims;
    private readonly ExpressionLowerer _lowerer;
    private readonly TorchPrinter _printer;
    private readonly Dictionary<DefinitionSymbol, IrRef> _definitions = new();
    private int _next;

    public PinnExpressionWriter(CodeWriter w, int dims)
    {
        _w = w;
        _dims = dims;
        _lowerer = new ExpressionLowerer(Resolve, null, Spatial);
        // Every reference names a tensor local or argument; only literals are host values.
        _printer = new TorchPrinter(r => new TorchCode(r.Name, true));
    }

    /// <summary>The expression as C# of a tensor (after writing the locals it needs).</summary>
    public string Tensor(BoundExpr expr) => _printer.Tensor(_lowerer.Lower(expr));

    private IrExpr Resolve(BoundSymbolRef reference) => reference.Symbol switch
    {
        StateSymbol state => PinnNames.Ref(PinnNames.State(state.Name)),
        ParameterSymbol parameter => PinnNames.Ref(PinnNames.Parameter(parameter.Name)),
        DefinitionSymbol definition => Definition(definition),
        BuiltinSymbol { Name: "t" } => PinnNames.Ref("t"),
        BuiltinSymbol { Name: "dt" } => throw new LoweringException(reference.Span, PinnSupport.TimeStepReason),
        _ => throw new LoweringException(reference.Span, $"'{reference.Symbol.Name}' has no continuous form in a physics-informed residual"),
    };

    private IrRef Definition(DefinitionSymbol definition)
    {
        if (_definitions.TryGetValue(definition, out var known)) return known;
        var local = Local(Tensor(definition.Value), $"{definition.Name} (definition)");
        _definitions[definition] = local;
        return local;
    }

    /// <summary>Writes <c>Tensor __vN = code;</c> and returns a reference to it.</summary>
    private IrRef Local(string code, string comment)
    {
        string name = "__v" + _next++;
        _w.Line($"Tensor {name} = {code}; // {comment}");
        return PinnNames.Ref(name);
    }

    /// <summary>∂e/∂axis as a new local.</summary>
    private IrRef Derivative(string tensor, int axis, string comment) =>
        Local($"__D({tensor}, {PinnNames.Axis(axis)})", comment);

    private IrExpr Spatial(BoundCall call)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (call.Function.Name)
        {
            case "laplacian":
            {
                string e = Tensor(call.Arguments[0]);
                IrExpr? sum = null;
                for (int axis = 0; axis < _dims; axis++)
                {
                    var first = Derivative(e, axis, $"∂/∂{PinnNames.Axis(axis)} of the laplacian's argument");
                    IrExpr second = Derivative(first.Name, axis, $"∂²/∂{PinnNames.Axis(axis)}²");
                    sum = sum is null ? second : new IrBinary(IrBinaryOp.Add, sum, second);
                }
                return Local(_printer.Tensor(sum!), "laplacian: Σ over axes of ∂²/∂a²");
            }
            case "div":
            {
                IrExpr? sum = null;
                for (int axis = 0; axis < _dims; axis++)
                {
                    string flux = _printer.Tensor(Component(call.Arguments[0], axis));
                    IrExpr term = Derivative(flux, axis, $"∂/∂{PinnNames.Axis(axis)} of the flux's {PinnNames.Axis(axis)} component");
                    sum = sum is null ? term : new IrBinary(IrBinaryOp.Add, sum, term);
                }
                return Local(_printer.Tensor(sum!), "div: Σ over axes of ∂(flux_a)/∂a");
            }
            case "grad" when _dims == 1:
                return Derivative(Tensor(call.Arguments[0]), 0, "grad on grid1d: ∂/∂x");
            case "d/dx" or "d/dy" or "d/dz":
            {
                int axis = BuiltinFunction.AxisOf(call.Function);
                return Derivative(Tensor(call.Arguments[0]), axis, $"d(…)/d({PinnNames.Axis(axis)})");
            }
            case "upwind" or "upwind/y" or "upwind/z":
            {
                // The upwinding is the stencil's choice of one-sided difference; the PDE term is c·∂E/∂a.
                int axis = BuiltinFunction.AxisOf(call.Function);
                IrExpr velocity = _lowerer.Lower(call.Arguments[0]);
                IrExpr slope = Derivative(Tensor(call.Arguments[1]), axis, $"upwind: ∂E/∂{PinnNames.Axis(axis)}");
                return Local(_printer.Tensor(new IrBinary(IrBinaryOp.Multiply, velocity, slope)), $"upwind: c·∂E/∂{PinnNames.Axis(axis)}");
            }
            default:
                throw new LoweringException(call.Span, $"'{call.Function.Name}' has no continuous form here (a vector outside div on a grid of {_dims} dimensions)");
        }
    }

    /// <summary>
    /// The component along <paramref name="axis"/> of a vector expression inside div: grad(E) is
    /// ∂E/∂a; K*V, V*K, V/K, V ± W and −V act componentwise (K free of grad).
    /// </summary>
    private IrExpr Component(BoundExpr vector, int axis)
    {
        global::DynLang.Core.Diagnostics.StackGuard.Ensure();
        switch (vector)
        {
            case BoundCall { Function.Name: "grad" } grad:
                return Derivative(Tensor(grad.Arguments[0]), axis, $"grad: ∂E/∂{PinnNames.Axis(axis)}");
            case BoundUnary { Op: UnaryOp.Negate } negation:
                return new IrUnary(IrUnaryOp.Negate, Component(negation.Operand, axis));
            case BoundUnary { Op: UnaryOp.Plus } plus:
                return Component(plus.Operand, axis);
            case BoundBinary { Op: BinaryOp.Multiply } product when IsVector(product.Right) && !IsVector(product.Left):
                return new IrBinary(IrBinaryOp.Multiply, _lowerer.Lower(product.Left), Component(product.Right, axis));
            case BoundBinary { Op: BinaryOp.Multiply } product when IsVector(product.Left) && !IsVector(product.Right):
                return new IrBinary(IrBinaryOp.Multiply, Component(product.Left, axis), _lowerer.Lower(product.Right));
            case BoundBinary { Op: BinaryOp.Divide } quotient when IsVector(quotient.Left) && !IsVector(quotient.Right):
                return new IrBinary(IrBinaryOp.Divide, Component(quotient.Left, axis), _lowerer.Lower(quotient.Right));
            case BoundBinary { Op: BinaryOp.Add or BinaryOp.Subtract } sum when IsVector(sum.Left) && IsVector(sum.Right):
                return new IrBinary(sum.Op == BinaryOp.Add ? IrBinaryOp.Add : IrBinaryOp.Subtract, Component(sum.Left, axis), Component(sum.Right, axis));
            default:
                throw new LoweringException(vector.Span, "div is written for div(grad(E)) and div(K*grad(E)): its argument must be a vector built from grad");
        }
    }

    /// <summary>True when the expression contains grad outside a nested spatial operator (a vector).</summary>
    private static bool IsVector(BoundExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        BoundCall { Function.Name: "grad" } => true,
        BoundCall => false,
        BoundUnary unary => IsVector(unary.Operand),
        BoundBinary binary => IsVector(binary.Left) || IsVector(binary.Right),
        _ => false,
    };
}
