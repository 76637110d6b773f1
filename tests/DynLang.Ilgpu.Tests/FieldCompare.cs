namespace DynLang.Ilgpu.Tests;

/// <summary>
/// Shared steps of the field tests: a deterministic, non-smooth initial pattern (so every neighbour
/// and every boundary side carries a different value), and the lock-step run of a CPU class and its
/// ILGPU class compared bit for bit.
/// </summary>
internal static class FieldCompare
{
    /// <summary>Values in [lo, lo + 1): a fractional-part hash of the cell index, different per seed.</summary>
    public static double[] Pattern(int cells, int seed, double lo = 0)
    {
        var values = new double[cells];
        for (int i = 0; i < cells; i++)
        {
            double h = Math.Sin(12.9898 * (i + 1) + 78.233 * seed) * 43758.5453;
            values[i] = lo + (h - Math.Floor(h));
        }
        return values;
    }

    public static float[] PatternFloat(int cells, int seed) => Array.ConvertAll(Pattern(cells, seed), v => (float)v);

    /// <summary>Steps both classes <paramref name="steps"/> times, then compares every state bit for bit and checks the states moved.</summary>
    public static void Run(int steps, Action cpuStep, Action deviceStep, params (string Name, Func<double[]> Cpu, Func<double[]> Device)[] states)
    {
        var initial = states.Select(s => s.Cpu()).ToArray();
        for (int s = 0; s < steps; s++)
        {
            cpuStep();
            deviceStep();
        }
        for (int k = 0; k < states.Length; k++)
        {
            var cpu = states[k].Cpu();
            Bits.Equal(cpu, states[k].Device(), states[k].Name);
            // A comparison of two unchanged arrays would prove nothing: the step must have changed the state.
            Assert.False(cpu.SequenceEqual(initial[k]), $"{states[k].Name} did not change in {steps} steps");
        }
    }
}
