using DynLang.Pinn;

namespace Samples;

/// <summary>
/// The sample's sizes: the default run (under ~2 minutes on 2 CPU cores) and --quick (~20 s, for
/// tests and CI). The stencil grid is fixed by PinnHeat.dyn's dx = 1/32 (31 cells); dt = 0.0025
/// keeps rk4 stable (D·dt/dx² = 0.26 at D = 0.1, rk4's 1D limit is ~0.70, so D may grow to ~0.27
/// during the fit), and 40 steps between snapshots give 10 snapshots at t = 0.1 … 1.0.
/// </summary>
internal sealed record RunSettings(PinnOptions Forward, PinnOptions Inverse, int StencilIterations)
{
    public const int Cells = 31, Snapshots = 10, StepsPerSnapshot = 40;
    public const double Dx = 1.0 / 32, Dt = 0.0025;

    /// <summary>Observations for the inverse problem: 200 of the 310 grid points, noise σ = 0.01 (1% of the peak).</summary>
    public const int Observations = 200;
    public const double Noise = 0.01;

    /// <summary>Both inverse fits start from half the true D.</summary>
    public const double StartD = 0.05;

    public static RunSettings Full(PinnWeighting weighting) => new(
        new PinnOptions(Steps: 3000, Interior: 500, Boundary: 100, Initial: 100, LearningRate: 3e-3, weighting, LogEvery: 500),
        new PinnOptions(Steps: 3000, Interior: 500, Boundary: 100, Initial: 100, LearningRate: 3e-3, weighting, LogEvery: 500),
        StencilIterations: 60);

    public static RunSettings Quick(PinnWeighting weighting) => new(
        new PinnOptions(Steps: 600, Interior: 256, Boundary: 64, Initial: 64, LearningRate: 3e-3, weighting, LogEvery: 100),
        new PinnOptions(Steps: 600, Interior: 256, Boundary: 64, Initial: 64, LearningRate: 3e-3, weighting, LogEvery: 100),
        StencilIterations: 30);
}
