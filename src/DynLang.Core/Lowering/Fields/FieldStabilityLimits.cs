using System.Globalization;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Lowering.Solvers;

namespace DynLang.Core.Lowering.Fields;

/// <summary>
/// The one formula for a field's stable time step, used by the build-time check
/// (Checks/StabilityCheck.cs, DL0450/DL0451) and by the run-time check that the generated
/// <c>Step</c> makes (FieldEmitter.EmitStabilityCheck), so the two can never disagree:
/// <list type="bullet">
/// <item>diffusion: D·dt/dx² ≤ S / (K·dims), where S is the solver's stability interval on the
/// negative real axis (2 for euler and rk2, 2.785… for rk4) and K·dims/dx² the largest |eigenvalue|
/// of the discrete laplacian (K = 4 for order 2, 16/3 for order 4);</item>
/// <item>advection: the CFL number |c|·dt/dx ≤ 1 for every solver.</item>
/// </list>
/// </summary>
internal static class FieldStabilityLimits
{
    /// <summary>The CFL limit |c|·dt/dx of every explicit solver.</summary>
    public const double CflLimit = 1.0;

    /// <summary>Stability interval of each explicit solver on the negative real axis (|λ·dt| ≤ this).</summary>
    public static double RealAxisStability(SolverKind solver) => solver switch
    {
        // Forward Euler and the midpoint rule: |1 + z| ≤ 1 and |1 + z + z²/2| ≤ 1 on z ∈ [−2, 0].
        SolverKind.Euler or SolverKind.Rk2 => 2.0,
        // Classic RK4: |1 + z + z²/2 + z³/6 + z⁴/24| ≤ 1 on z ∈ [−2.785293563405…, 0].
        _ => 2.785293563405282,
    };

    /// <summary>The largest |eigenvalue|·dx² of the laplacian per axis: 4 in second order, 16/3 in fourth.</summary>
    private static double LaplacianFactor(int order) => order == 4 ? 16.0 / 3.0 : 4.0;

    /// <summary>The largest stable diffusion number D·dt/dx².</summary>
    public static double DiffusionLimit(SolverKind solver, int order, int dims) =>
        RealAxisStability(solver) / (LaplacianFactor(order) * dims);

    /// <summary>How the limit is made, for messages: "2.785/(4·2) = 0.348 for rk4".</summary>
    public static string DiffusionLimitFormula(SolverKind solver, int order, int dims)
    {
        string s = solver is SolverKind.Euler or SolverKind.Rk2 ? "2" : "2.785";
        string k = order == 4 ? "16/3" : "4";
        string product = dims == 1 ? k : $"{k}·{dims}";
        return $"{s}/({product}) = {DiffusionLimit(solver, order, dims).ToString("G3", CultureInfo.InvariantCulture)} for {solver.Name()}";
    }

    /// <summary>The grid's dimension count from its header (1 when unknown).</summary>
    public static int Dims(GridTarget? grid) => grid?.Grid.Name switch { "grid2d" => 2, "grid3d" => 3, _ => 1 };

    /// <summary>The order written in the grid header (<c>order 4</c>), 2 by default; the lowerer reports bad values.</summary>
    public static int DeclaredOrder(GridTarget? grid) =>
        grid?.Boundaries.Any(b => b.Kind.Name == "order" && b.Side is null && b.Value is NumberLiteral { Text: "4" }) == true ? 4 : 2;
}
