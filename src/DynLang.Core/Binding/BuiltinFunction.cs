using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Binding;

/// <summary>How a built-in function treats units, which is all the checker needs to know.</summary>
public enum FunctionUnitRule
{
    /// <summary>exp, ln, sin, tanh, sigmoid …: argument and result dimensionless.</summary>
    Transcendental,
    /// <summary>sqrt: halves the exponents.</summary>
    SquareRoot,
    /// <summary>abs, floor, ceil, min, max, clip: all arguments share one unit, which the result keeps.</summary>
    SameUnit,
    /// <summary>sign, heaviside: any argument, dimensionless result.</summary>
    Indicator,
    /// <summary>ifelse(condition, a, b): a and b share a unit.</summary>
    Conditional,
    /// <summary>int(condition): 1 or 0.</summary>
    ConditionToNumber,
    /// <summary>laplacian, grad, div: spatial derivatives (fields only).</summary>
    Spatial,
}

/// <summary>A function DynLang knows: name, number of arguments, unit rule.</summary>
public sealed class BuiltinFunction
{
    private static readonly Dictionary<string, BuiltinFunction> ByName = new[]
    {
        new BuiltinFunction("exp", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("ln", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("log", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("log10", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("sin", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("cos", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("tan", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("sinh", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("cosh", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("tanh", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("atan", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("exprel", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("sigmoid", 1, 1, FunctionUnitRule.Transcendental),
        new BuiltinFunction("sqrt", 1, 1, FunctionUnitRule.SquareRoot),
        new BuiltinFunction("abs", 1, 1, FunctionUnitRule.SameUnit),
        new BuiltinFunction("floor", 1, 1, FunctionUnitRule.SameUnit),
        new BuiltinFunction("ceil", 1, 1, FunctionUnitRule.SameUnit),
        new BuiltinFunction("min", 2, 2, FunctionUnitRule.SameUnit),
        new BuiltinFunction("max", 2, 2, FunctionUnitRule.SameUnit),
        new BuiltinFunction("clip", 3, 3, FunctionUnitRule.SameUnit),
        new BuiltinFunction("sign", 1, 1, FunctionUnitRule.Indicator),
        new BuiltinFunction("heaviside", 1, 1, FunctionUnitRule.Indicator),
        new BuiltinFunction("ifelse", 3, 3, FunctionUnitRule.Conditional),
        new BuiltinFunction("int", 1, 1, FunctionUnitRule.ConditionToNumber),
        new BuiltinFunction("laplacian", 1, 1, FunctionUnitRule.Spatial),
        new BuiltinFunction("grad", 1, 1, FunctionUnitRule.Spatial),
        new BuiltinFunction("div", 1, 1, FunctionUnitRule.Spatial),
        new BuiltinFunction("upwind", 2, 2, FunctionUnitRule.Spatial),
    }.ToDictionary(f => f.Name);

    // Spatial calls along an axis that are not called by name: d(E)/d(x) binds to "d/dx", and
    // upwind(c, E, y) to "upwind/y" (upwind(c, E) is along x). Index = axis (0 x, 1 y, 2 z).
    private static readonly BuiltinFunction[] Partials =
    {
        new("d/dx", 1, 1, FunctionUnitRule.Spatial), new("d/dy", 1, 1, FunctionUnitRule.Spatial), new("d/dz", 1, 1, FunctionUnitRule.Spatial),
    };

    private static readonly BuiltinFunction[] Upwinds =
    {
        null!, new("upwind/y", 2, 2, FunctionUnitRule.Spatial), new("upwind/z", 2, 2, FunctionUnitRule.Spatial),
    };

    /// <summary>The first partial derivative along a grid axis (0 x, 1 y, 2 z), written d(E)/d(x) in a field.</summary>
    public static BuiltinFunction PartialDerivative(int axis) => Partials[axis];

    /// <summary>The upwind advection term c·∂E/∂axis, written upwind(c, E) (x) or upwind(c, E, y).</summary>
    public static BuiltinFunction Upwind(int axis) => axis == 0 ? ByName["upwind"] : Upwinds[axis];

    /// <summary>The grid axis of a spatial call along one axis (d/dx, upwind, upwind/y, …); −1 for the others.</summary>
    public static int AxisOf(BuiltinFunction function) => function.Name switch
    {
        "d/dx" or "upwind" => 0,
        "d/dy" or "upwind/y" => 1,
        "d/dz" or "upwind/z" => 2,
        _ => -1,
    };

    private BuiltinFunction(string name, int minArity, int maxArity, FunctionUnitRule unitRule)
    {
        Name = name;
        MinArity = minArity;
        MaxArity = maxArity;
        UnitRule = unitRule;
    }

    /// <summary>The function's name (<c>log</c> is the natural logarithm, like <c>ln</c>).</summary>
    public string Name { get; }

    /// <summary>Fewest arguments.</summary>
    public int MinArity { get; }

    /// <summary>Most arguments.</summary>
    public int MaxArity { get; }

    /// <summary>How units flow through it.</summary>
    public FunctionUnitRule UnitRule { get; }

    /// <summary>"1 argument", "3 arguments".</summary>
    public string ArityText => MinArity == MaxArity
        ? $"{MinArity} argument{(MinArity == 1 ? "" : "s")}"
        : $"{MinArity} to {MaxArity} arguments";

    /// <summary>Every built-in function name (for "did you mean" suggestions).</summary>
    public static IEnumerable<string> Names => ByName.Keys;

    /// <summary>Looks a function up by name.</summary>
    public static bool TryGet(string name, out BuiltinFunction function) => ByName.TryGetValue(name, out function!);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
