using DynLang.Runtime;
using Xunit.Abstractions;

namespace DynLang.Models.Tests;

/// <summary>
/// Measured convergence orders of the explicit solvers: the global error at a fixed time T
/// behaves as C·dt^p·(1 + O(dt)), so the least-squares slope of log(error) over log(dt) tends to p.
/// Three problems, each with a known solution:
/// <list type="bullet">
/// <item>logistic growth dx/dt = r·x·(1 − x) (Logistic*.dyn; elementwise, nonlinear);</item>
/// <item>dx/dt = cos(t), x = sin(t) (Forced*.dyn; checks the stage times t, t + dt/2, t + dt);</item>
/// <item>x' = A·x through a definition y[i] = Σ_j A[i,j]·x[j] (LinearNet*.dyn; the indexed loop
/// nests, which must recompute the definition from each stage's values — stale definitions
/// would drop rk2 and rk4 to first order). Exact solution e^{A·T}·x(0) by the runtime's
/// matrix exponential (accurate to ~1e-15, far below the errors measured).</item>
/// <item>the fast math mode (FastMath*.dyn, <c>math fast</c>): dx/dt = exp(−x), dy/dt = −y³/8 and
/// dz/dt = cos(t), whose kernels call FastMath.Exp and FastMath.Cos and compute y³ as (y·y)·y; one
/// fit per state, the same bands. The fast functions' rounding (a few ulp per call) stays far below
/// the errors of x and z (the smallest, 5e-12 and 6e-12 with rk4); y's reach 2e-14 with rk4 (its
/// slopes settle at 3.96), but y's arithmetic calls no FastMath function, so they do not depend on it.</item>
/// </list>
/// The step sizes (dt ≤ 0.1 with rates ≤ 1.5) are in the asymptotic range — the two-point slopes
/// in the output move by less than 0.05 from one halving to the next — and far above rounding
/// (the smallest error, 6e-12, is over 100 times the ~3e-14 that 320 steps of rounding can add).
/// A solver of the wrong order misses its band by at least 0.85, so ±0.15 separates the orders
/// without being tuned to the measured values.
/// </summary>
public sealed class ConvergenceOrderTests(ITestOutputHelper output)
{
    private const double FinalTime = 4;
    private const double Band = 0.15;
    private static readonly double[] StepSizes = { 0.1, 0.05, 0.025, 0.0125 };

    private static int StepsTo(double dt) => (int)Math.Round(FinalTime / dt);

    private double FittedOrder(string what, Func<double, double> errorAt)
    {
        double[] errors = StepSizes.Select(errorAt).ToArray();
        double[] lx = StepSizes.Select(d => Math.Log(d)).ToArray(), ly = errors.Select(e => Math.Log(e)).ToArray();
        double mx = lx.Average(), my = ly.Average();
        double slope = lx.Zip(ly, (x, y) => (x - mx) * (y - my)).Sum() / lx.Sum(x => (x - mx) * (x - mx));
        var pairwise = Enumerable.Range(1, errors.Length - 1).Select(k => Math.Log(errors[k - 1] / errors[k]) / Math.Log(StepSizes[k - 1] / StepSizes[k]));
        output.WriteLine($"{what}: errors {string.Join(", ", errors.Select(e => e.ToString("E3")))}; " +
                         $"two-point slopes {string.Join(", ", pairwise.Select(s => s.ToString("F3")))}; fitted order {slope:F3}");
        return slope;
    }

    // ---- logistic growth -----------------------------------------------------------------------

    private static double LogisticError(double dt, double r, double x0, Action<double> step, Func<double> x)
    {
        for (int n = 0; n < StepsTo(dt); n++) step(dt);
        return Math.Abs(x() - 1 / (1 + (1 / x0 - 1) * Math.Exp(-r * StepsTo(dt) * dt)));
    }

    [Fact]
    public void Logistic_euler_is_first_order() => Assert.InRange(FittedOrder("logistic euler", dt =>
    {
        var s = new LogisticEulerSystem(1);
        return LogisticError(dt, s.Parameters.r, s.x[0], s.Step, () => s.x[0]);
    }), 1 - Band, 1 + Band);

    [Fact]
    public void Logistic_rk2_is_second_order() => Assert.InRange(FittedOrder("logistic rk2", dt =>
    {
        var s = new LogisticRk2System(1);
        return LogisticError(dt, s.Parameters.r, s.x[0], s.Step, () => s.x[0]);
    }), 2 - Band, 2 + Band);

    [Fact]
    public void Logistic_rk4_is_fourth_order() => Assert.InRange(FittedOrder("logistic rk4", dt =>
    {
        var s = new LogisticRk4System(1);
        return LogisticError(dt, s.Parameters.r, s.x[0], s.Step, () => s.x[0]);
    }), 4 - Band, 4 + Band);

    // ---- time-dependent right-hand side ------------------------------------------------------------

    private static double ForcedError(double dt, Action<double> step, Func<double> x)
    {
        for (int n = 0; n < StepsTo(dt); n++) step(dt);
        return Math.Abs(x() - Math.Sin(StepsTo(dt) * dt));
    }

    [Fact]
    public void Forced_euler_is_first_order() => Assert.InRange(FittedOrder("cos(t) euler", dt =>
    {
        var s = new ForcedEulerSystem(1);
        return ForcedError(dt, s.Step, () => s.x[0]);
    }), 1 - Band, 1 + Band);

    [Fact]
    public void Forced_rk2_is_second_order() => Assert.InRange(FittedOrder("cos(t) rk2", dt =>
    {
        var s = new ForcedRk2System(1);
        return ForcedError(dt, s.Step, () => s.x[0]);
    }), 2 - Band, 2 + Band);

    [Fact]
    public void Forced_rk4_is_fourth_order() => Assert.InRange(FittedOrder("cos(t) rk4", dt =>
    {
        var s = new ForcedRk4System(1);
        return ForcedError(dt, s.Step, () => s.x[0]);
    }), 4 - Band, 4 + Band);

    // ---- indexed linear network --------------------------------------------------------------------

    private static readonly double[] A =
    {
        -0.5, 1.0, 0.0,
        -1.0, -0.5, 0.3,
        0.2, 0.0, -1.0,
    };

    private static readonly double[] X0 = { 1.0, 0.0, -0.5 };

    private static double NetworkError(double dt, Span<double> a, Span<double> x, Action<double> step, Func<double[]> state)
    {
        A.CopyTo(a);
        X0.CopyTo(x);
        int steps = StepsTo(dt);
        for (int n = 0; n < steps; n++) step(dt);
        var propagator = new double[9];
        MatrixExponential.Compute(A.Select(v => v * steps * dt).ToArray(), 3, propagator, new MatrixExponentialWorkspace(3));
        double[] actual = state();
        double error = 0;
        for (int i = 0; i < 3; i++)
        {
            double exact = 0;
            for (int j = 0; j < 3; j++) exact += propagator[i * 3 + j] * X0[j];
            error = Math.Max(error, Math.Abs(actual[i] - exact));
        }
        return error;
    }

    [Fact]
    public void Indexed_euler_is_first_order() => Assert.InRange(FittedOrder("network euler", dt =>
    {
        var s = new LinearNetEulerSystem(3);
        return NetworkError(dt, s.A, s.x, s.Step, () => s.x.ToArray());
    }), 1 - Band, 1 + Band);

    [Fact]
    public void Indexed_rk2_is_second_order() => Assert.InRange(FittedOrder("network rk2", dt =>
    {
        var s = new LinearNetRk2System(3);
        return NetworkError(dt, s.A, s.x, s.Step, () => s.x.ToArray());
    }), 2 - Band, 2 + Band);

    [Fact]
    public void Indexed_rk4_is_fourth_order() => Assert.InRange(FittedOrder("network rk4", dt =>
    {
        var s = new LinearNetRk4System(3);
        return NetworkError(dt, s.A, s.x, s.Step, () => s.x.ToArray());
    }), 4 - Band, 4 + Band);

    // ---- the fast math mode ---------------------------------------------------------------------

    /// <summary>The exact solutions of FastMath*.dyn's states x, y, z at time t.</summary>
    private static readonly Func<double, double>[] FastMathSolutions =
    {
        t => Math.Log(1 + t),           // dx/dt = exp(-x), x(0) = 0
        t => 1 / Math.Sqrt(1 + t / 4),  // dy/dt = -y^3/8, y(0) = 1
        Math.Sin,                       // dz/dt = cos(t), z(0) = 0
    };

    private static readonly string[] FastMathStates = { "x (exp)", "y (y^3)", "z (cos)" };

    /// <summary>The fitted order of each state of a FastMath*.dyn model (one fit per state: each its own error constant).</summary>
    private IEnumerable<double> FastMathOrders(string solver, Func<(Action<double> Step, Func<double[]> State)> create) =>
        Enumerable.Range(0, 3).Select(k => FittedOrder($"fast math {solver}, {FastMathStates[k]}", dt =>
        {
            var (step, state) = create();
            for (int n = 0; n < StepsTo(dt); n++) step(dt);
            return Math.Abs(state()[k] - FastMathSolutions[k](StepsTo(dt) * dt));
        })).ToList();

    [Fact]
    public void Fast_math_euler_is_first_order() => Assert.All(FastMathOrders("euler", () =>
    {
        var s = new FastMathEulerSystem(1);
        return (s.Step, () => new[] { s.x[0], s.y[0], s.z[0] });
    }), order => Assert.InRange(order, 1 - Band, 1 + Band));

    [Fact]
    public void Fast_math_rk2_is_second_order() => Assert.All(FastMathOrders("rk2", () =>
    {
        var s = new FastMathRk2System(1);
        return (s.Step, () => new[] { s.x[0], s.y[0], s.z[0] });
    }), order => Assert.InRange(order, 2 - Band, 2 + Band));

    [Fact]
    public void Fast_math_rk4_is_fourth_order() => Assert.All(FastMathOrders("rk4", () =>
    {
        var s = new FastMathRk4System(1);
        return (s.Step, () => new[] { s.x[0], s.y[0], s.z[0] });
    }), order => Assert.InRange(order, 4 - Band, 4 + Band));
}
