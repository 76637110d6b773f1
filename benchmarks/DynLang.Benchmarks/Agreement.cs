namespace DynLang.Benchmarks;

/// <summary>
/// Before anything is timed: checks that the hand-written loop and the float model compute the
/// same dynamics as the generated double kernel, so the benchmark compares equal work.
/// </summary>
public static class Agreement
{
    // 100 000 neurons: above the generated kernel's parallel threshold (2 × 16384), so the pooled
    // path is the one checked; 500 steps = 50 ms, several spikes and refractory periods per
    // firing neuron.
    private const int Count = 100_000;
    private const int Steps = 500;

    // Double vs double: the two loops differ only in rounding (the generated kernel evaluates
    // P·v + Q·(R·I + v_rest)/τ, the loop v∞ + (v − v∞)·P), a few ulp of ~65 mV ≈ 1e-17 V a step,
    // and the update contracts (P < 1), so errors stay far below 1e-12 V. A spike one step apart
    // would give an error of ~15 mV, so this tolerance catches any difference in event logic.
    private const double VoltageTolerance = 1e-12;

    // Float vs double: float rounding of v (ulp ≈ 7.5e-9 V near threshold) moves a threshold
    // crossing by a step only for the few neurons whose v lands that close to v_th, so total spike
    // counts differ by a small fraction; 1% would flag a wrong refractory period (≈ 20% of the
    // firing time of the fastest neurons) or a wrong propagator.
    private const double FloatSpikeCountTolerance = 0.01;

    /// <summary>Runs the checks; returns a one-line summary, or throws on disagreement.</summary>
    public static string Check()
    {
        var generated = new LIFPopulation(Count);
        var generatedFloat = new LIFFloatPopulation(Count);
        var scalar = new ScalarLif(Count);
        Workload.Fill(generated.v, generated.I);
        Workload.Fill(generatedFloat.v, generatedFloat.I);
        Workload.Fill(scalar.V, scalar.I);

        long spikes = 0, floatSpikes = 0;
        for (int step = 0; step < Steps; step++)
        {
            generated.Step(Workload.Dt);
            generatedFloat.Step(Workload.Dt);
            scalar.Step(Workload.Dt);
            if (generated.SpikeCount != scalar.SpikeCount)
                throw new InvalidOperationException($"Step {step}: generated kernel spiked {generated.SpikeCount} neurons, the scalar loop {scalar.SpikeCount}.");
            spikes += generated.SpikeCount;
            floatSpikes += generatedFloat.SpikeCount;
        }

        double maxError = 0;
        for (int n = 0; n < Count; n++) maxError = Math.Max(maxError, Math.Abs(generated.v[n] - scalar.V[n]));
        if (!(maxError <= VoltageTolerance))
            throw new InvalidOperationException($"Generated and scalar v differ by up to {maxError:G3} V after {Steps} steps.");

        double floatRelative = Math.Abs(floatSpikes - spikes) / (double)spikes;
        if (spikes == 0 || !(floatRelative <= FloatSpikeCountTolerance))
            throw new InvalidOperationException($"Float model spiked {floatSpikes} times, double {spikes}, over {Steps} steps.");

        return $"agreement: {Count} neurons x {Steps} steps, {spikes / (double)Steps / Count:P2} of neurons spike per step; " +
               $"generated vs scalar max |dv| = {maxError:G2} V, float vs double spike count {floatRelative:P3} apart";
    }

    /// <summary>
    /// The generated Gray–Scott field against the hand-written loop: both follow the reference's
    /// order of operations without fused multiply-adds, so after 200 steps on 512² (above the
    /// parallel threshold, with SIMD body, tails and edge cells) every value must be bit-identical.
    /// </summary>
    public static string CheckGrayScott()
    {
        const int size = 512, steps = 200;
        var field = new GrayScottField(size, size);
        var scalar = new ScalarGrayScott(size);
        scalar.U.CopyTo(field.u);
        scalar.V.CopyTo(field.v);
        for (int s = 0; s < steps; s++)
        {
            field.Step(1.0);
            scalar.Step(1.0);
        }
        int different = 0;
        for (int c = 0; c < size * size; c++)
            if (BitConverter.DoubleToInt64Bits(field.u[c]) != BitConverter.DoubleToInt64Bits(scalar.U[c]) ||
                BitConverter.DoubleToInt64Bits(field.v[c]) != BitConverter.DoubleToInt64Bits(scalar.V[c]))
                different++;
        if (different != 0)
            throw new InvalidOperationException($"Gray–Scott: {different} of {size * size} cells differ between the generated field and the scalar loop after {steps} steps.");
        return $"agreement: Gray–Scott {size}² x {steps} steps, generated field and scalar loop bit-identical";
    }
}
