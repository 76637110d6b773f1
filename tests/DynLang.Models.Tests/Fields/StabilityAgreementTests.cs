namespace DynLang.Models.Tests.Fields;

/// <summary>
/// Issue 10, item 2: the run-time check of a field's <c>Step(dt)</c> and the build-time check
/// (DL0450/DL0451) use one formula. Here the run-time side, for every bounded operator and every
/// explicit solver (models in Models/Fields/StabilityOperators.dyn): a step 0.1% below the closed-form
/// limit runs, 0.1% above it throws. tests/DynLang.Core.Tests/Fields/FieldStabilityBuildTests.cs holds the
/// build side to the same closed forms, so the two agree by construction of both tests.
/// </summary>
public sealed class StabilityAgreementTests
{
    private const double D = 0.5, C = 2, Dx = 0.1;

    /// <summary>Stability interval on the negative real axis: 2 (euler, rk2), 2.785293563405282 (rk4, the root of |1+z+z²/2+z³/6+z⁴/24| = 1).</summary>
    private static double S(string solver) => solver == "rk4" ? 2.785293563405282 : 2.0;

    /// <summary>Largest stable dt of D·laplacian: S/(K·dims)·dx²/D, K = 4 (order 2) or 16/3 (order 4).</summary>
    private static double Diffusion(string solver, double k = 4, int dims = 1) => S(solver) / (k * dims) * Dx * Dx / D;

    /// <summary>Largest stable dt of an advection term: dx/|c| (CFL number 1).</summary>
    private const double Cfl = Dx / C;

    public static TheoryData<string, double> Cases() => new()
    {
        { "LapEuler", Diffusion("euler") }, { "LapRk2", Diffusion("rk2") }, { "LapRk4", Diffusion("rk4") },
        { "DivDGradEuler", Diffusion("euler") }, { "DivDGradRk2", Diffusion("rk2") }, { "DivDGradRk4", Diffusion("rk4") },
        { "DDivGradEuler", Diffusion("euler") }, { "DDivGradRk2", Diffusion("rk2") }, { "DDivGradRk4", Diffusion("rk4") },
        { "UpwindEuler", Cfl }, { "UpwindRk2", Cfl }, { "UpwindRk4", Cfl },
        { "CentralEuler", Cfl }, { "CentralRk2", Cfl }, { "CentralRk4", Cfl },
        { "LapOrder4Rk4", Diffusion("rk4", k: 16.0 / 3.0) },
        { "Lap2DRk2", Diffusion("rk2", dims: 2) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_runs_just_below_the_closed_form_limit_and_throws_just_above(string model, double limit)
    {
        // 0.1% on either side: far above rounding (1e-16) and far below the gap between two solvers' limits (28%).
        Action<double> step = Stepper(model);
        step(limit * 0.999);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => step(limit * 1.001));
        Assert.Contains("largest stable dt is", e.Message);
    }

    /// <summary>Step of a fresh field of each model (typed: a model missing from the .dyn file fails the build).</summary>
    private static Action<double> Stepper(string model) => model switch
    {
        "LapEuler" => new StabLapEulerField(16).Step,
        "LapRk2" => new StabLapRk2Field(16).Step,
        "LapRk4" => new StabLapRk4Field(16).Step,
        "DivDGradEuler" => new StabDivDGradEulerField(16).Step,
        "DivDGradRk2" => new StabDivDGradRk2Field(16).Step,
        "DivDGradRk4" => new StabDivDGradRk4Field(16).Step,
        "DDivGradEuler" => new StabDDivGradEulerField(16).Step,
        "DDivGradRk2" => new StabDDivGradRk2Field(16).Step,
        "DDivGradRk4" => new StabDDivGradRk4Field(16).Step,
        "UpwindEuler" => new StabUpwindEulerField(16).Step,
        "UpwindRk2" => new StabUpwindRk2Field(16).Step,
        "UpwindRk4" => new StabUpwindRk4Field(16).Step,
        "CentralEuler" => new StabCentralEulerField(16).Step,
        "CentralRk2" => new StabCentralRk2Field(16).Step,
        "CentralRk4" => new StabCentralRk4Field(16).Step,
        "LapOrder4Rk4" => new StabLapOrder4Rk4Field(16).Step,
        "Lap2DRk2" => new StabLap2DRk2Field(8, 8).Step,
        _ => throw new ArgumentException($"no model Stab{model}", nameof(model)),
    };
}
