using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// Reference identity for IR nodes: IR records compare by value (and their lists by reference), and
/// lowering shares nodes (x^2 is x*x over one x), so walks that must visit each node once key by identity.
/// </summary>
internal sealed class IrReferenceComparer : IEqualityComparer<IrExpr>
{
    public static readonly IrReferenceComparer Instance = new();

    public bool Equals(IrExpr? x, IrExpr? y) => ReferenceEquals(x, y);

    public int GetHashCode(IrExpr obj) => RuntimeHelpers.GetHashCode(obj);
}
