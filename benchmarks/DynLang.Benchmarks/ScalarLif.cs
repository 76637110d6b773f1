namespace DynLang.Benchmarks;

/// <summary>
/// The "naive" baseline: the LIF update as a researcher would hand-write it in C# — one scalar
/// loop on one thread, exp(−dt/τ) hoisted out of the loop, an int refractory counter per neuron.
/// Same semantics as the generated exact solver (Brian2's refractoriness: a spike at step s
/// freezes v for steps s+1 … s+R−1, R = int((t_ref + 1e-3·dt)/dt), threshold after the update).
/// </summary>
public sealed class ScalarLif
{
    private readonly double[] _v;
    private readonly double[] _i;
    private readonly int[] _refractoryLeft;

    public ScalarLif(int count)
    {
        _v = new double[count];
        _i = new double[count];
        _refractoryLeft = new int[count];
    }

    // The same defaults as Models/Lif.dyn, in SI units.
    public double TauM { get; init; } = 10e-3;
    public double VRest { get; init; } = -65e-3;
    public double VTh { get; init; } = -50e-3;
    public double VReset { get; init; } = -65e-3;
    public double R { get; init; } = 10e6;
    public double TRef { get; init; } = 2e-3;

    public Span<double> V => _v;
    public Span<double> I => _i;

    /// <summary>Number of neurons that spiked in the last <see cref="Step"/>.</summary>
    public int SpikeCount { get; private set; }

    public void Step(double dt)
    {
        double decay = Math.Exp(-dt / TauM);
        int frozenSteps = (int)((TRef + 1e-3 * dt) / dt) - 1;
        double vRest = VRest, vTh = VTh, vReset = VReset, r = R;
        double[] v = _v, input = _i;
        int[] refractoryLeft = _refractoryLeft;
        int spikes = 0;
        for (int n = 0; n < v.Length; n++)
        {
            if (refractoryLeft[n] > 0)
            {
                refractoryLeft[n]--;
                continue;
            }

            // v relaxes exponentially towards its fixed point v_rest + R·I over one step.
            double vInf = vRest + r * input[n];
            double vNew = vInf + (v[n] - vInf) * decay;
            if (vNew > vTh)
            {
                vNew = vReset;
                refractoryLeft[n] = frozenSteps;
                spikes++;
            }

            v[n] = vNew;
        }

        SpikeCount = spikes;
    }
}
