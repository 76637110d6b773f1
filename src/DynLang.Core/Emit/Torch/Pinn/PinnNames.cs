using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch.Pinn;

/// <summary>
/// The C# names of the generated <c>{Model}Pinn</c>: its arguments (coordinates t, x, y, z; one
/// network output per state, named as the state) and its locals (parameter tensors, derivative
/// temporaries). A state whose name is a coordinate's gets a suffix, so the two never clash.
/// </summary>
internal static class PinnNames
{
    /// <summary>The coordinate arguments of a grid of <paramref name="dims"/> dimensions: t, x[, y[, z]].</summary>
    public static IReadOnlyList<string> Coordinates(int dims) => new[] { "t", "x", "y", "z" }.Take(dims + 1).ToList();

    /// <summary>Axis letters (0 x, 1 y, 2 z).</summary>
    public static string Axis(int axis) => "xyz"[axis].ToString();

    /// <summary>The argument carrying the network's output for a state.</summary>
    public static string State(string state)
    {
        string id = CSharpNames.Identifier(state);
        return id is "t" or "x" or "y" or "z" || id.StartsWith("__", System.StringComparison.Ordinal) ? id + "Out" : id;
    }

    /// <summary>The optional argument with a state's initial values.</summary>
    public static string InitialValues(string state) => CSharpNames.Identifier(state).TrimStart('@') + "Initial";

    /// <summary>The tensor local holding a parameter inside a method.</summary>
    public static string Parameter(string parameter) => "__p_" + parameter;

    /// <summary>The side method of a dirichlet or neumann side: BoundaryLeft, BoundaryTop…</summary>
    public static string Side(int axis, bool low) => "Boundary" + SideWord(axis, low);

    /// <summary>The side's name in the language: left/right (x), bottom/top (y), front/back (z), capitalised.</summary>
    public static string SideWord(int axis, bool low) => (axis, low) switch
    {
        (0, true) => "Left",
        (0, false) => "Right",
        (1, true) => "Bottom",
        (1, false) => "Top",
        (2, true) => "Front",
        _ => "Back",
    };

    /// <summary>The method of a periodic axis: PeriodicX, PeriodicY, PeriodicZ.</summary>
    public static string Periodic(int axis) => "Periodic" + Axis(axis).ToUpperInvariant();

    /// <summary>The domain length property of an axis: Lx, Ly, Lz.</summary>
    public static string Length(int axis) => "L" + Axis(axis);

    /// <summary>The constructor argument of an axis length: lx, ly, lz.</summary>
    public static string LengthArgument(int axis) => "l" + Axis(axis);

    /// <summary>An IR reference to a tensor local or argument of the generated method.</summary>
    public static IrRef Ref(string name) => new(name, SlotKind.Local);
}
