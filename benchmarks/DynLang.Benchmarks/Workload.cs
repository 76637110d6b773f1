namespace DynLang.Benchmarks;

/// <summary>
/// The state every LIF benchmark starts from: the same for the generated and the hand-written
/// kernels, so that they take the same branches (spikes, refractory neurons) at the same rate.
/// </summary>
public static class Workload
{
    /// <summary>Time step: 0.1 ms, Brian2's default.</summary>
    public const double Dt = 1e-4;

    private const int Seed = 20240601;

    // Inputs uniform in [0, 3 nA]: with R = 10 MΩ the fixed point v_rest + R·I spans 0 … 30 mV
    // above rest, so the neurons above 15 mV (about half) fire regularly, up to ~110 Hz, and the
    // rest stay subthreshold: ≈ 0.4% of neurons spike per step (Program prints the measured
    // rate) and ≈ 7% are refractory at any time — the spike branch is exercised without
    // dominating the step.
    private const double MaxInput = 3e-9;

    /// <summary>Fills <paramref name="v"/> uniformly in [v_reset, v_th) (so spikes start at once) and <paramref name="input"/> as above.</summary>
    public static void Fill(Span<double> v, Span<double> input)
    {
        var random = new Random(Seed);
        for (int n = 0; n < v.Length; n++)
        {
            v[n] = -65e-3 + 15e-3 * random.NextDouble();
            input[n] = MaxInput * random.NextDouble();
        }
    }

    /// <summary>The same values rounded to float.</summary>
    public static void Fill(Span<float> v, Span<float> input)
    {
        var vd = new double[v.Length];
        var id = new double[v.Length];
        Fill(vd, id);
        for (int n = 0; n < v.Length; n++)
        {
            v[n] = (float)vd[n];
            input[n] = (float)id[n];
        }
    }
}
