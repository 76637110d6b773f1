using System;
using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Lowering.Fields;

/// <summary>
/// Lowers a field's right-hand side at one cell as IR of array loads at constant offsets
/// (second-order central differences, written so that a Python reference in the same operation
/// order gives the same bits):
/// <list type="bullet">
/// <item><c>laplacian(E)</c> = (Σ over axes, slowest first, of (E[−1] + E[+1]), summed left to right − 2·dims·E[0]) · (1/dx²);
/// in 2D: (((E[y−1] + E[y+1]) + E[x−1]) + E[x+1]) − 4·E, as numpy's reference writes it.</item>
/// <item><c>div(K·grad(E))</c> (flux form) = Σ over axes of (K₊·(E[+1] − E[0]) − K₋·(E[0] − E[−1])) · (1/dx²),
/// with K at the faces (the mean of its two cells when K varies over the grid): the fluxes of
/// neighbouring cells cancel, so the total is conserved with periodic and no-flux boundaries.</item>
/// <item><c>grad(E)</c> outside div, on a 1D grid: the central difference (E[+1] − E[−1]) · (1/(2·dx)).</item>
/// </list>
/// Operators nest (laplacian(laplacian(u)) reads two cells away): every argument is lowered at
/// shifted offsets. Definitions are inlined at the offset they are read at.
/// </summary>
internal sealed class StencilLowerer
{
    /// <summary>Uniform holding 1/dx².</summary>
    public const string InverseSpacingSquared = "__inv_dx2";

    /// <summary>Uniform holding 1/(2·dx).</summary>
    public const string InverseTwiceSpacing = "__inv_2dx";

    private static readonly string[] AxisNames = { "x", "y", "z" };

    private readonly int _dims;
    private readonly Func<StateSymbol, string> _source;
    private readonly Func<string, IrExpr> _time;

    /// <param name="dims">Grid dimensions.</param>
    /// <param name="source">The array a state's value is read from in this pass (the state itself or a stage array).</param>
    /// <param name="time">The uniform for t in this pass.</param>
    public StencilLowerer(int dims, Func<StateSymbol, string> source, Func<string, IrExpr> time)
    {
        _dims = dims;
        _source = source;
        _time = time;
    }

    /// <summary>The widest offset produced so far.</summary>
    public int Radius { get; private set; }

    /// <summary>True when a lowered expression used 1/(2·dx).</summary>
    public bool UsesInverseTwiceSpacing { get; private set; }

    /// <summary>Lowers <paramref name="expr"/> at the cell offset by <paramref name="offset"/> (x, y, z).</summary>
    public IrExpr Lower(BoundExpr expr, int[] offset) => Lowerer(offset).Lower(expr);

    private ExpressionLowerer Lowerer(int[] offset)
    {
        ExpressionLowerer? self = null;
        self = new ExpressionLowerer(reference => reference.Symbol switch
        {
            StateSymbol state => Load(_source(state), offset),
            ParameterSymbol parameter => new IrRef(parameter.Name, SlotKind.Uniform),
            DefinitionSymbol definition => self!.Lower(definition.Value),
            BuiltinSymbol { Name: "dt" } => new IrRef("dt", SlotKind.Uniform),
            BuiltinSymbol { Name: "t" } => _time("t"),
            _ => throw new LoweringException(reference.Span, $"'{reference.Symbol.Name}' cannot be used in a field's generated code yet"),
        }, null, call => Spatial(call, offset));
        return self;
    }

    /// <summary>An array load at an offset; axes with offset 0 are left out.</summary>
    public IrLoad Load(string array, int[] offset)
    {
        var indices = new List<IrIndex>();
        for (int axis = _dims - 1; axis >= 0; axis--)
        {
            if (offset[axis] == 0) continue;
            indices.Add(new IrIndex(AxisNames[axis], offset[axis]));
            Radius = Math.Max(Radius, Math.Abs(offset[axis]));
        }
        return new IrLoad(array, indices);
    }

    private IrExpr Spatial(BoundCall call, int[] offset)
    {
        var argument = call.Arguments[0];
        switch (call.Function.Name)
        {
            case "laplacian":
            {
                IrExpr? neighbours = null;
                for (int axis = _dims - 1; axis >= 0; axis--)
                {
                    // Left to right: the first axis's pair, then each further neighbour added on.
                    IrExpr below = Lower(argument, Shift(offset, axis, -1)), above = Lower(argument, Shift(offset, axis, +1));
                    neighbours = neighbours is null
                        ? new IrBinary(IrBinaryOp.Add, below, above)
                        : new IrBinary(IrBinaryOp.Add, new IrBinary(IrBinaryOp.Add, neighbours, below), above);
                }
                var centre = new IrBinary(IrBinaryOp.Multiply, new IrConstant(2 * _dims), Lower(argument, offset));
                return Scaled(new IrBinary(IrBinaryOp.Subtract, neighbours!, centre));
            }
            case "div":
            {
                if (!TrySplitGradient(argument, out var coefficient, out var gradient))
                    throw new LoweringException(call.Span,
                        "div is generated for div(grad(E)) and div(K*grad(E)) (flux form); write other divergences out with laplacian or grad");
                bool varies = coefficient is not null && ReadsGrid(coefficient);
                IrExpr? total = null;
                for (int axis = _dims - 1; axis >= 0; axis--)
                {
                    var minus = Shift(offset, axis, -1);
                    var plus = Shift(offset, axis, +1);
                    IrExpr centre = Lower(gradient, offset);
                    IrExpr up = new IrBinary(IrBinaryOp.Subtract, Lower(gradient, plus), centre);
                    IrExpr down = new IrBinary(IrBinaryOp.Subtract, centre, Lower(gradient, minus));
                    if (coefficient is not null)
                    {
                        up = new IrBinary(IrBinaryOp.Multiply, Face(coefficient, offset, plus, varies), up);
                        down = new IrBinary(IrBinaryOp.Multiply, Face(coefficient, minus, offset, varies), down);
                    }
                    var flux = new IrBinary(IrBinaryOp.Subtract, up, down);
                    total = total is null ? flux : new IrBinary(IrBinaryOp.Add, total, flux);
                }
                return Scaled(total!);
            }
            case "grad" when _dims == 1:
            {
                UsesInverseTwiceSpacing = true;
                var difference = new IrBinary(IrBinaryOp.Subtract, Lower(argument, Shift(offset, 0, +1)), Lower(argument, Shift(offset, 0, -1)));
                return new IrBinary(IrBinaryOp.Multiply, difference, new IrRef(InverseTwiceSpacing, SlotKind.Uniform));
            }
            case "grad":
                throw new LoweringException(call.Span,
                    $"grad on a grid of {_dims} dimensions is a vector: use it inside div(K*grad(E)); a scalar grad is generated on grid1d only");
            default:
                throw new LoweringException(call.Span, $"'{call.Function.Name}' is not generated for fields yet");
        }
    }

    /// <summary>K at the face between two cells: K itself when it is the same everywhere, else the mean of the two cells.</summary>
    private IrExpr Face(BoundExpr coefficient, int[] a, int[] b, bool varies) => varies
        ? new IrBinary(IrBinaryOp.Multiply, new IrConstant(0.5), new IrBinary(IrBinaryOp.Add, Lower(coefficient, a), Lower(coefficient, b)))
        : Lower(coefficient, a);

    private static IrExpr Scaled(IrExpr stencil) =>
        new IrBinary(IrBinaryOp.Multiply, stencil, new IrRef(InverseSpacingSquared, SlotKind.Uniform));

    private static int[] Shift(int[] offset, int axis, int by)
    {
        var shifted = (int[])offset.Clone();
        shifted[axis] += by;
        return shifted;
    }

    /// <summary>grad(E), K*grad(E) or grad(E)*K.</summary>
    private static bool TrySplitGradient(BoundExpr argument, out BoundExpr? coefficient, out BoundExpr gradient)
    {
        coefficient = null;
        gradient = null!;
        switch (argument)
        {
            case BoundCall { Function.Name: "grad" } grad:
                gradient = grad.Arguments[0];
                return true;
            case BoundBinary { Op: BinaryOp.Multiply, Right: BoundCall { Function.Name: "grad" } right } product when !ContainsSpatial(product.Left):
                coefficient = product.Left;
                gradient = right.Arguments[0];
                return true;
            case BoundBinary { Op: BinaryOp.Multiply, Left: BoundCall { Function.Name: "grad" } left } product when !ContainsSpatial(product.Right):
                coefficient = product.Right;
                gradient = left.Arguments[0];
                return true;
            default:
                return false;
        }
    }

    private static bool ContainsSpatial(BoundExpr expr) =>
        BoundWalker.DescendantsAndSelf(expr).Any(e => e is BoundCall { Function.UnitRule: FunctionUnitRule.Spatial });

    /// <summary>True when the expression reads a state (directly or through a definition), so it varies over the grid.</summary>
    internal static bool ReadsGrid(BoundExpr expr) =>
        BoundWalker.DescendantsAndSelf(expr).Any(e => e is BoundSymbolRef { Symbol: StateSymbol }
            || e is BoundSymbolRef { Symbol: DefinitionSymbol d } && ReadsGrid(d.Value));
}
