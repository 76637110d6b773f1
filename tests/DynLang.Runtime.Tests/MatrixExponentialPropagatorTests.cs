using DynLang.Runtime;
using static DynLang.Runtime.Tests.MatrixTestHelpers;

namespace DynLang.Runtime.Tests;

/// <summary>
/// The use generated exact solvers make of the exponential: the propagator of an affine system
/// x' = A x + b from the augmented matrix [[A, b], [0, 0]] h.
/// </summary>
// In the collection that runs alone: ReusedWorkspace_AllocatesNothing measures this thread's
// allocations, which a garbage collection started by a parallel test would disturb.
[Collection(nameof(DynLang.Runtime.Tests.Monitors.AllocationMeasurements))]
public class MatrixExponentialPropagatorTests
{
    [Theory]
    [InlineData(-100.0, -6.5, 1e-4)]   // LIF: tau = 10 ms, dt = 0.1 ms, a t = -0.01
    [InlineData(-100.0, -6.5, 1e-3)]
    [InlineData(-1.0, 2.0, 3.0)]
    [InlineData(0.5, 1.0, 4.0)]        // growing mode
    [InlineData(-50.0, 3.0, 1.0)]      // a t = -50: squarings
    [InlineData(1e-8, 1.0, 1.0)]       // nearly zero a: b (e^{at} - 1)/a -> b t
    public void ScalarAffine_GivesExponentialAndIntegratedInput(double a, double b, double t)
    {
        // exp([[a, b], [0, 0]] t) = [[e^{at}, b (e^{at} - 1)/a], [0, 1]].
        double[] x = Expm([a * t, b * t, 0, 0], 2);
        double decay = Math.Exp(a * t);
        double input = b * t * ExpM1(a * t) / (a * t);

        // ‖A‖₁ = (|a| + |b|) t. Each entry is checked relative to itself, which the normwise
        // analysis does not promise for e^{at} << 1, but balancing plus the triangular
        // structure keep it: measured at most 20 u (at ‖A‖₁ = 9). Bound 16 (1 + ‖A‖₁) u.
        double tolerance = 16 * (1 + (Math.Abs(a) + Math.Abs(b)) * t) * U;
        Assert.True(Math.Abs(x[0] - decay) <= tolerance * decay, $"e^at: {Math.Abs(x[0] - decay) / decay / U} u");
        Assert.True(Math.Abs(x[1] - input) <= tolerance * Math.Abs(input), $"input: {Math.Abs(x[1] - input) / Math.Abs(input) / U} u");
        Assert.Equal(0.0, x[2]);
        Assert.Equal(1.0, x[3]);
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-3)]
    [InlineData(0.05)]
    public void LifWithExponentialSynapse_MatchesRotterDiesmannPropagator(double h)
    {
        // v' = (E_L - v + R I)/tau_m, I' = -I/tau_s: state (v, I, 1) and
        // A = [[-1/tau_m, R/tau_m, E_L/tau_m], [0, -1/tau_s, 0], [0, 0, 0]].
        // Closed form (Rotter & Diesmann 1999):
        //   P_vv = e^{-h/tau_m}, P_II = e^{-h/tau_s}, P_v1 = E_L (1 - e^{-h/tau_m}),
        //   P_vI = (R/tau_m) (e^{-h/tau_s} - e^{-h/tau_m}) / (1/tau_m - 1/tau_s).
        const double tauM = 20e-3, tauS = 5e-3, r = 1e8, el = -0.07;
        double[] a =
        [
            -h / tauM, r * h / tauM, el * h / tauM,
            0, -h / tauS, 0,
            0, 0, 0,
        ];
        double[] x = Expm(a, 3);

        double pvv = Math.Exp(-h / tauM);
        double pii = Math.Exp(-h / tauS);
        double pv1 = -el * ExpM1(-h / tauM);
        double pvi = r * h / tauM * DividedDifference(-h / tauS, -h / tauM);

        // In SI units R h/tau_m is up to 2.5e8 while the diagonal is below 10: unbalanced, the
        // 1-norm would ask for up to 27 squarings, each doubling the diagonal's relative error
        // (2^17 u was measured at h = 0.1 ms before balancing was added). Balanced, each entry
        // is within 20 u of the closed form (measured); bound 64 u relative to the entry.
        AssertClose(pvv, x[0]);
        AssertClose(pvi, x[1]);
        AssertClose(pv1, x[2]);
        AssertClose(pii, x[4]);
        Assert.Equal([0.0, 0.0, 0.0, 1.0], new[] { x[3], x[6], x[7], x[8] });
        Assert.Equal(0.0, x[5]);

        static void AssertClose(double expected, double actual) =>
            Assert.True(Math.Abs(actual - expected) <= 64 * U * Math.Abs(expected),
                $"expected {expected}, got {actual} ({Math.Abs(actual - expected) / Math.Abs(expected) / U} u)");
    }

    [Theory]
    [InlineData(1e-4)]
    [InlineData(1e-3)]
    [InlineData(2e-2)]
    public void SiUnits_GiveTheSameResultAsScaledUnits(double h)
    {
        // Adaptive LIF, v' = (E_L - v)/tau_m - w/C, w' = (a (v - E_L) - w)/tau_w, in SI
        // (entries from 2e-8 h to 5e9 h, irreducible) and in mV / pA (B = D⁻¹ A D with
        // D = diag(1e-3, 1e-12, 1)). e^A must equal D e^B D⁻¹ entry by entry: a change of
        // units must not change the answer. Both sides carry normwise errors of order ‖B‖₁ u
        // plus decimal conversion roundings; measured ≤ 4 u. Bound 16 (1 + ‖B‖₁) u per entry.
        const double tauM = 20e-3, c = 200e-12, el = -0.07, a = 2e-9, tauW = 0.1;
        double[] si =
        [
            -h / tauM, -h / c, el * h / tauM,
            a * h / tauW, -h / tauW, -a * el * h / tauW,
            0, 0, 0,
        ];
        double[] d = [1e-3, 1e-12, 1];
        double[] scaled = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                scaled[i * 3 + j] = si[i * 3 + j] * d[j] / d[i];
            }
        }

        double[] fromScaled = Expm(scaled, 3);
        double[] fromSi = Expm(si, 3);
        double tolerance = 16 * (1 + OneNorm(scaled, 3)) * U;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double expected = fromScaled[i * 3 + j] * d[i] / d[j];
                double actual = fromSi[i * 3 + j];
                Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
                    $"({i},{j}): {expected} vs {actual}");
            }
        }
    }

    [Fact]
    public void ReusedWorkspace_AllocatesNothing()
    {
        const int n = 5;
        var workspace = new MatrixExponentialWorkspace(n);
        var result = new double[n * n];
        var random = new Random(7);
        // Norms spanning every degree and several squarings.
        double[][] inputs = Enumerable.Range(0, 8)
            .Select(k => Enumerable.Range(0, n * n).Select(_ => (random.NextDouble() - 0.5) * Math.Pow(4, k - 4)).ToArray())
            .ToArray();
        foreach (double[] input in inputs)
        {
            MatrixExponential.Compute(input, n, result, workspace); // warm-up (JIT)
        }

        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            MatrixExponential.Compute(inputs[i % inputs.Length], n, result, workspace);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
