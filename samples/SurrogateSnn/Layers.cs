using TorchSharp;
using Tensor = TorchSharp.torch.Tensor;

namespace SurrogateSnn;

/// <summary>
/// What the training loop needs of a generated population: both generated classes already have these
/// members, so the partial declarations below only name the interface.
/// </summary>
public interface ISpikingLayer : IDisposable
{
    /// <summary>Input current per neuron (A), shape [Count].</summary>
    Tensor I { get; set; }

    /// <summary>Which neurons crossed the threshold in the last step (bool).</summary>
    Tensor Spikes { get; }

    /// <summary>One out-of-place step; returns the differentiable spike (float, shape [Count]).</summary>
    Tensor StepDifferentiable(double dt);
}

public sealed partial class SnnFastTorch : ISpikingLayer { }

public sealed partial class SnnSoftTorch : ISpikingLayer { }
