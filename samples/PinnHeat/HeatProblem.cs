namespace Samples;

/// <summary>
/// The problem both solvers face: du/dt = D·u_xx on x ∈ [0, L], t ∈ [0, T], u(t, 0) = u(t, L) = 0,
/// u(0, x) = sin(πx/L), and its exact (one-mode Fourier) solution.
/// </summary>
internal sealed record HeatProblem(double D = 0.1, double L = 1.0, double T = 1.0)
{
    /// <summary>u(0, x) = sin(πx/L).</summary>
    public double Initial(double x) => Math.Sin(Math.PI * x / L);

    /// <summary>The exact solution: the initial sine decays at rate Dπ²/L².</summary>
    public double Exact(double t, double x) => Math.Exp(-D * Math.PI * Math.PI * t / (L * L)) * Initial(x);
}
