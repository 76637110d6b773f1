using System.Collections.Generic;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Lowering.Fields;

/// <summary>What a field's values are outside one side of its grid.</summary>
public enum FieldBoundaryKind
{
    /// <summary>The grid wraps around: the cell before the first is the last.</summary>
    Periodic,
    /// <summary>No flux: the cells outside mirror the cells inside (cell-centred, so the gradient across the wall is zero).</summary>
    Neumann,
    /// <summary>The cells outside hold a fixed value.</summary>
    Dirichlet,
}

/// <summary>One side of one axis.</summary>
/// <param name="Kind">The condition.</param>
/// <param name="Value">For Dirichlet: the value outside the grid (an expression of parameters, SI), else null.</param>
public sealed record FieldBoundary(FieldBoundaryKind Kind, IrExpr? Value);

/// <summary>
/// One pass over every grid cell: locals computed from array loads (<see cref="IrLoad"/> whose
/// indices are axis names "x", "y", "z" with constant offsets, axes absent meaning offset 0),
/// then stores of locals into arrays. Passes run one after the other, so a pass may read,
/// at neighbouring cells, what an earlier pass wrote (the stages of a Runge–Kutta step).
/// </summary>
/// <param name="Comment">What the pass computes (goes into the generated code).</param>
/// <param name="Locals">Per-cell locals, in order.</param>
/// <param name="Stores">(array, local) pairs written at the cell.</param>
public sealed record FieldSweep(string Comment, List<IrAssign> Locals, List<(string Array, string Local)> Stores);

/// <summary>
/// A term whose coefficient bounds the explicit time step: a diffusion coefficient D (of
/// laplacian or div(D·grad)) with the bound D·dt/dx² ≤ limit, or an advection speed c (of
/// c·grad) with the CFL bound |c|·dt/dx ≤ 1.
/// </summary>
/// <param name="State">The equation's state.</param>
/// <param name="IsDiffusion">True for diffusion, false for advection.</param>
/// <param name="Coefficient">D or c, an expression of parameters.</param>
public sealed record FieldStabilityTerm(string State, bool IsDiffusion, IrExpr Coefficient);

/// <summary>
/// The lowered step of a field model. Arrays are row-major over (z, y, x), x fastest; every
/// array has one value per cell. State arrays keep the model's names; the step's scratch arrays
/// (<see cref="Temporaries"/>) contain "__".
/// </summary>
public sealed class FieldProgram
{
    /// <summary>1, 2 or 3.</summary>
    public int Dims { get; init; }

    /// <summary>Order of the central differences: 2 (the default) or 4 (<c>order 4</c> in the grid's parentheses).</summary>
    public int Order { get; init; } = 2;

    /// <summary>The widest neighbour offset any pass reads (1 for second-order central differences).</summary>
    public int Radius { get; set; }

    /// <summary>Boundary below index 0, per axis (0 = x, 1 = y, 2 = z).</summary>
    public FieldBoundary[] Low { get; init; } = System.Array.Empty<FieldBoundary>();

    /// <summary>Boundary above the last index, per axis.</summary>
    public FieldBoundary[] High { get; init; } = System.Array.Empty<FieldBoundary>();

    /// <summary>The states (model names), in declaration order.</summary>
    public List<string> States { get; } = new();

    /// <summary>Scratch arrays of the step (stage values, k's, new values).</summary>
    public List<string> Temporaries { get; } = new();

    /// <summary>Values computed once per step on the host, in double (1/dx², Dirichlet values, …).</summary>
    public List<IrAssign> Uniforms { get; } = new();

    /// <summary>The passes of one step, in order.</summary>
    public List<FieldSweep> Sweeps { get; } = new();

    /// <summary>After the passes: state array ⇐ new-value array (the arrays are swapped, not copied).</summary>
    public List<(string State, string NewValues)> Swaps { get; } = new();

    /// <summary>Terms bounding the time step (checked at run time by Step).</summary>
    public List<FieldStabilityTerm> Stability { get; } = new();

    /// <summary>
    /// The largest stable D·dt/dx² of the solver for the laplacian's most negative eigenvalue,
    /// −4·dims/dx²: the solver's stability interval on the negative real axis divided by 4·dims.
    /// </summary>
    public double DiffusionLimit { get; set; }

    /// <summary>Where the spacing comes from: a parameter name, or null for spacing 1 (unit-free models without 'dx').</summary>
    public string? SpacingParameter { get; init; }
}
