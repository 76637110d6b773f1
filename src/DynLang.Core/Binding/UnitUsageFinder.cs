using System.Linq;
using DynLang.Core.Ast;

namespace DynLang.Core.Binding;

/// <summary>
/// Decides from the syntax whether a model is written with units: a number with a unit
/// (<c>10 ms</c>) or a unit annotation (<c>: mV</c>) anywhere. A bare unit name used as a value
/// (<c>/ms</c>) is found by the binder when it resolves it. A model that names no unit anywhere is
/// unit-free: every quantity is a pure number and time is dimensionless too (learning rules and
/// abstract systems are usually written so). One unit anywhere makes it a model with units,
/// where everything is dimension-checked and time is in seconds.
/// </summary>
internal static class UnitUsageFinder
{
    public static bool UsesUnits(ModelDecl model) =>
        AstWalker.Descendants(model).Any(node => node is QuantityLiteral or UnitExpr);
}
