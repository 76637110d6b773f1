using System.Collections.Generic;
using System.Linq;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>The integration methods DynLang knows.</summary>
public enum SolverKind
{
    /// <summary>Forward Euler, order 1.</summary>
    Euler,
    /// <summary>Explicit midpoint Runge–Kutta, order 2.</summary>
    Rk2,
    /// <summary>Classic Runge–Kutta, order 4.</summary>
    Rk4,
    /// <summary>Exact propagation of linear equations with coefficients constant over a step.</summary>
    Exact,
    /// <summary>Exponential Euler for conditionally linear equations (conductance and Hodgkin–Huxley models), as Brian2's.</summary>
    ExponentialEuler,
    /// <summary>Euler–Maruyama for additive noise (Itô), as Brian2's euler on stochastic equations.</summary>
    EulerMaruyama,
    /// <summary>Brian2's stochastic Heun method (Stratonovich; multiplicative noise).</summary>
    Heun,
}

/// <summary>Names of the solvers as written in .dyn files.</summary>
public static class SolverNames
{
    private static readonly Dictionary<string, SolverKind> ByName = new()
    {
        ["euler"] = SolverKind.Euler,
        ["rk2"] = SolverKind.Rk2,
        ["rk4"] = SolverKind.Rk4,
        ["exact"] = SolverKind.Exact,
        ["exponential_euler"] = SolverKind.ExponentialEuler,
        ["euler_maruyama"] = SolverKind.EulerMaruyama,
        ["heun"] = SolverKind.Heun,
    };

    /// <summary>Every name, for "expected one of" messages.</summary>
    public static string All => string.Join(", ", ByName.Keys);

    /// <summary>Looks a solver up by its .dyn name.</summary>
    public static bool TryParse(string name, out SolverKind kind) => ByName.TryGetValue(name, out kind);

    /// <summary>The .dyn name of a solver.</summary>
    public static string Name(this SolverKind kind) => ByName.First(p => p.Value == kind).Key;

    /// <summary>True for the solvers this version generates code for.</summary>
    public static bool IsGenerated(this SolverKind kind) =>
        kind is SolverKind.Euler or SolverKind.Rk2 or SolverKind.Rk4 or SolverKind.Exact
            or SolverKind.ExponentialEuler or SolverKind.EulerMaruyama or SolverKind.Heun;

    /// <summary>True for the solvers that integrate white noise (<c>xi</c>); euler is Euler–Maruyama there, as in Brian2.</summary>
    public static bool IntegratesNoise(this SolverKind kind) =>
        kind is SolverKind.Euler or SolverKind.EulerMaruyama or SolverKind.Heun;
}
