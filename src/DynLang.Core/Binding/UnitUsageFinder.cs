using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Units;

namespace DynLang.Core.Binding;

/// <summary>
/// Decides whether a model is written with units. A model that names no unit anywhere is
/// unit-free: every quantity is a pure number and time is dimensionless too (learning rules
/// and abstract systems are usually written so). One unit anywhere makes it a model with
/// units, where everything is dimension-checked and time is in seconds.
/// </summary>
internal static class UnitUsageFinder
{
    public static bool UsesUnits(ModelDecl model)
    {
        var declared = model.Members.OfType<VariableDecl>().SelectMany(d => d.Items).Select(i => i.Name.Name)
            .Concat(model.Members.OfType<Definition>().Select(d => d.Target.Name.Name))
            .Concat(model.Signature.OfType<InputSignature>().Select(s => s.Name.Name))
            .ToList();
        var declaredSet = new HashSet<string>(declared);
        if (model.Signature.OfType<InputSignature>().Any(s => s.Unit is not null)) return true;
        foreach (var node in AstWalker.Descendants(model))
        {
            switch (node)
            {
                case QuantityLiteral:
                case UnitExpr:
                    return true;
                case Reference { Scope: null, Indices.Count: 0 } reference
                    when !declaredSet.Contains(reference.Name.Name) && UnitCatalog.TryResolve(reference.Name.Name, out _)
                         && !IsBuiltinName(reference.Name.Name):
                    return true;
            }
        }
        return false;
    }

    private static bool IsBuiltinName(string name) => name is "t" or "dt" or "pi" or "e" or "inf";
}
