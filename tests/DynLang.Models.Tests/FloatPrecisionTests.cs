using Xunit.Abstractions;

namespace DynLang.Models.Tests;

/// <summary>
/// `precision float` models (MembraneFloat.dyn, QifFloat.dyn) against the same equations in
/// double (Membrane.dyn, QifSmooth.dyn). The float kernels store states, inputs and uniforms in
/// float (the spans are Span&lt;float&gt;) while the propagator is computed in double and rounded once.
/// <para>
/// Tolerance: each float step makes roundings of relative size 2⁻²⁴ in about a dozen operations,
/// so at most ε·scale with ε = 16·2⁻²⁴ ≈ 1e-6; neither system amplifies a perturbation (the
/// membrane decays; the QIF neuron sits in the basin of its stable fixed point v ≈ −1, where the
/// flow contracts), so after n steps the difference is at most n·ε·scale. The double model's own
/// error (~1e-16 per step) is negligible next to it. A float model that silently computed in
/// double would be ~1e-7 closer than needed and pass too — the span types make that impossible.
/// </para>
/// </summary>
public sealed class FloatPrecisionTests(ITestOutputHelper output)
{
    private const double Epsilon = 16.0 / (1 << 24);

    [Fact]
    public void Float_exact_solver_stays_within_float_rounding_of_the_double_model()
    {
        var single = new MembraneFloatSystem(1);
        var reference = new MembraneSystem(1);
        Span<float> v = single.v; // compiles only if the state really is float
        double worst = 0;
        for (int n = 1; n <= 1000; n++)
        {
            single.Step(0.1);
            reference.Step(0.1);
            double tolerance = n * Epsilon * 1.0; // scale: max |state| = ge(0) = 1
            double error = Math.Max(Math.Abs(single.v[0] - reference.v[0]), Math.Abs(single.ge[0] - reference.ge[0]));
            Assert.True(error <= tolerance, $"step {n}: float ({single.v[0]}, {single.ge[0]}), double ({reference.v[0]}, {reference.ge[0]})");
            worst = Math.Max(worst, error / tolerance);
        }
        output.WriteLine($"MembraneFloat: largest error / tolerance = {worst:F4}");
    }

    [Fact]
    public void Float_rk4_with_exp_stays_within_float_rounding_of_the_double_model()
    {
        float[] drive = { -1.0f, -0.5f, -2.0f, -0.25f, -1.5f };
        var single = new QifFloatPopulation(drive.Length);
        var reference = new QifSmoothPopulation(drive.Length);
        for (int k = 0; k < drive.Length; k++)
        {
            single.I[k] = drive[k];
            reference.I[k] = drive[k]; // the same float value, so both integrate the same problem
        }
        double worst = 0;
        for (int n = 1; n <= 2000; n++)
        {
            single.Step(1e-4);
            reference.Step(1e-4);
            for (int k = 0; k < drive.Length; k++)
            {
                double scale = Math.Max(1, Math.Max(Math.Abs(reference.v[k]), Math.Abs(reference.w[k])));
                double tolerance = n * Epsilon * scale;
                double error = Math.Max(Math.Abs(single.v[k] - reference.v[k]), Math.Abs(single.w[k] - reference.w[k]));
                Assert.True(error <= tolerance, $"element {k}, step {n}: float ({single.v[k]}, {single.w[k]}), double ({reference.v[k]}, {reference.w[k]})");
                worst = Math.Max(worst, error / tolerance);
            }
        }
        // The run must reach the neighbourhood of the fixed point (v ≈ −sqrt(1 − I)), not stay at v(0) = 0.
        Assert.True(reference.v[0] < -0.5, $"v = {reference.v[0]}");
        output.WriteLine($"QifFloat: largest error / tolerance = {worst:F4}");
    }
}
