using TorchSharp;
using static TorchSharp.torch;

namespace SurrogateSnn;

/// <summary>
/// The toy task: each class is a pattern of firing probabilities over the input channels; a sample
/// draws its own jittered rates around its class's pattern, then independent spikes every step.
/// </summary>
public static class Data
{
    /// <summary>Spike trains [steps, samples, channels] (float64 0/1) and labels [samples] (int64).</summary>
    public static (Tensor Spikes, Tensor Labels) Make(Tensor prototypes, int perClass, int steps, double jitter)
    {
        long classes = prototypes.shape[0], channels = prototypes.shape[1];
        var labels = arange(classes, dtype: ScalarType.Int64).repeat_interleave(perClass);
        // Per-sample rates: the class pattern times (1 + jitter·N(0,1)), kept a probability.
        var rates = (prototypes[labels] * (1 + jitter * randn(labels.shape[0], channels, dtype: ScalarType.Float64))).clamp(0.0, 1.0);
        var spikes = (rand(steps, labels.shape[0], channels, dtype: ScalarType.Float64) < rates.unsqueeze(0)).to(ScalarType.Float64);
        return (spikes, labels);
    }
}
