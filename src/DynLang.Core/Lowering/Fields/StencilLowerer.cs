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
/// <item><c>grad(E)</c> outside div, on a 1D grid, and <c>d(E)/d(x)</c> (y, z): the central difference (E[+1] − E[−1]) · (1/(2·dx)).</item>
/// <item><c>upwind(c, E)</c> (along x; <c>upwind(c, E, y)</c>): c·∂E/∂x, first-order upwind on the sign of c at the cell.</item>
/// <item>With <c>order 4</c>: fourth-order central laplacian and first derivatives (radius 2).</item>
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

    /// <summary>Uniform holding 1/dx (upwind differences).</summary>
    public const string InverseSpacing = "__inv_dx";

    /// <summary>Uniform holding 1/(12·dx) (fourth-order first derivatives).</summary>
    public const string InverseTwelveSpacing = "__inv_12dx";

    /// <summary>Uniform holding 1/(12·dx²) (fourth-order laplacian).</summary>
    public const string InverseTwelveSpacingSquared = "__inv_12dx2";

    private readonly int _dims;
    private readonly int _order;
    private readonly Func<StateSymbol, string> _source;
    private readonly Func<string, IrExpr> _time;

    /// <param name="dims">Grid dimensions.</param>
    /// <param name="order">Order of the central differences: 2 or 4.</param>
    /// <param name="source">The array a state's value is read from in this pass (the state itself or a stage array).</param>
    /// <param name="time">The uniform for t in this pass.</param>
    public StencilLowerer(int dims, int order, Func<StateSymbol, string> source, Func<string, IrExpr> time)
    {
        _dims = dims;
        _order = order;
        _source = source;
        _time = time;
    }

    /// <summary>The widest offset produced so far.</summary>
    public int Radius { get; private set; }

    /// <summary>The spacing uniforms other than 1/dx² that lowered expressions used (see <see cref="SpacingValue"/>).</summary>
    public HashSet<string> SpacingUniforms { get; } = new();

    /// <summary>The value of a spacing uniform as a factor of 1/dx or 1/dx²: (numerator, power of dx).</summary>
    public static (double Scale, int Power) SpacingValue(string uniform) => uniform switch
    {
        InverseSpacingSquared => (1, 2),
        InverseTwiceSpacing => (0.5, 1),
        InverseSpacing => (1, 1),
        InverseTwelveSpacing => (1.0 / 12, 1),
        InverseTwelveSpacingSquared => (1.0 / 12, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(uniform), uniform, "not a spacing uniform"),
    };

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
            case "laplacian" when _order == 4:
            {
                // Per axis (16·(E[−1] + E[+1]) − (E[−2] + E[+2])) − 30·E, summed over axes, times 1/(12·dx²):
                // error O(dx⁴) on smooth E.
                IrExpr? total = null;
                for (int axis = _dims - 1; axis >= 0; axis--)
                {
                    IrExpr near = Add(Lower(argument, Shift(offset, axis, -1)), Lower(argument, Shift(offset, axis, +1)));
                    IrExpr far = Add(Lower(argument, Shift(offset, axis, -2)), Lower(argument, Shift(offset, axis, +2)));
                    IrExpr line = Sub(Sub(Mul(new IrConstant(16), near), far), Mul(new IrConstant(30), Lower(argument, offset)));
                    total = total is null ? line : Add(total, line);
                }
                return Mul(total!, Spacing(InverseTwelveSpacingSquared));
            }
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
            case "div" when _order == 4:
                throw new LoweringException(call.Span,
                    "div(K*grad(E)) is generated in second order only (its flux form is what conserves the total); with 'order 4' write D*laplacian(E) for a constant D");
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
                return Central(argument, offset, 0);
            case "grad":
                throw new LoweringException(call.Span,
                    $"grad on a grid of {_dims} dimensions is a vector, and the language has no vector values: use it inside div(K*grad(E)), " +
                    "or write its components d(E)/d(x), d(E)/d(y) (an advection term c·∂E/∂x upwind: upwind(c, E), upwind(c, E, y))");
            case "d/dx" or "d/dy" or "d/dz":
            {
                int axis = BuiltinFunction.AxisOf(call.Function);
                if (axis >= _dims)
                    throw new LoweringException(call.Span, $"d(…)/d({"xyz"[axis]}) on a grid of {_dims} dimension{(_dims == 1 ? "" : "s")}: its axes are {string.Join(", ", AxisNames.Take(_dims))}");
                return Central(argument, offset, axis);
            }
            case "upwind" or "upwind/y" or "upwind/z":
            {
                int axis = BuiltinFunction.AxisOf(call.Function);
                if (axis >= _dims)
                    throw new LoweringException(call.Span, $"upwind along {"xyz"[axis]} on a grid of {_dims} dimension{(_dims == 1 ? "" : "s")}: its axes are {string.Join(", ", AxisNames.Take(_dims))}");
                // c·∂E/∂axis, first-order upwind on the sign of c at the cell, without a branch:
                // (max(c, 0)·(E − E[−1]) + min(c, 0)·(E[+1] − E)) · (1/dx).
                var velocity = Lower(call.Arguments[0], offset);
                var advected = call.Arguments[1];
                IrExpr centre = Lower(advected, offset);
                IrExpr backward = Sub(centre, Lower(advected, Shift(offset, axis, -1)));
                IrExpr forward = Sub(Lower(advected, Shift(offset, axis, +1)), centre);
                IrExpr positive = new IrCall(IrFunction.Max, new[] { velocity, new IrConstant(0) });
                IrExpr negative = new IrCall(IrFunction.Min, new[] { velocity, new IrConstant(0) });
                return Mul(Add(Mul(positive, backward), Mul(negative, forward)), Spacing(InverseSpacing));
            }
            default:
                throw new LoweringException(call.Span, $"'{call.Function.Name}' is not generated for fields yet");
        }
    }

    /// <summary>
    /// ∂E/∂axis by central differences: order 2 (E[+1] − E[−1]) · (1/(2·dx)); order 4
    /// (8·(E[+1] − E[−1]) − (E[+2] − E[−2])) · (1/(12·dx)).
    /// </summary>
    private IrExpr Central(BoundExpr argument, int[] offset, int axis)
    {
        IrExpr near = Sub(Lower(argument, Shift(offset, axis, +1)), Lower(argument, Shift(offset, axis, -1)));
        if (_order == 2) return Mul(near, Spacing(InverseTwiceSpacing));
        IrExpr far = Sub(Lower(argument, Shift(offset, axis, +2)), Lower(argument, Shift(offset, axis, -2)));
        return Mul(Sub(Mul(new IrConstant(8), near), far), Spacing(InverseTwelveSpacing));
    }

    private IrExpr Spacing(string uniform)
    {
        SpacingUniforms.Add(uniform);
        return new IrRef(uniform, SlotKind.Uniform);
    }

    private static IrExpr Add(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Add, a, b);

    private static IrExpr Sub(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Subtract, a, b);

    private static IrExpr Mul(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Multiply, a, b);

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
