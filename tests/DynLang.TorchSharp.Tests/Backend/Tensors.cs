using TorchSharp;

namespace DynLang.TorchSharp.Tests.Backend;

/// <summary>Small conversions between tensors and arrays for the agreement tests.</summary>
internal static class Tensors
{
    public static double[] ToDoubles(torch.Tensor t) => t.to_type(torch.ScalarType.Float64).data<double>().ToArray();

    public static float[] ToFloats(torch.Tensor t) => t.data<float>().ToArray();

    public static bool[] ToBools(torch.Tensor t) => t.data<bool>().ToArray();

    /// <summary>count values evenly spaced from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double[] Linspace(double from, double to, int count) =>
        Enumerable.Range(0, count).Select(i => from + (to - from) * i / Math.Max(1, count - 1)).ToArray();

    /// <summary>The largest |a[i] − b[i]|.</summary>
    public static double MaxAbsDifference(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        Assert.Equal(a.Count, b.Count);
        double max = 0;
        for (int i = 0; i < a.Count; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
