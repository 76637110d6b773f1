using TorchSharp;
using static TorchSharp.torch;

namespace SurrogateSnn;

/// <summary>
/// Adam (Kingma &amp; Ba 2015) on plain tensors, written out so that its moment tensors live outside
/// the training loop's dispose scopes (they persist across epochs) and each step is in place.
/// </summary>
public sealed class Adam(Tensor[] parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
{
    private readonly Tensor[] _m = parameters.Select(p => zeros_like(p)).ToArray();
    private readonly Tensor[] _v = parameters.Select(p => zeros_like(p)).ToArray();
    private int _step;

    /// <summary>One update from the parameters' gradients, which it then clears.</summary>
    public void Step()
    {
        _step++;
        double correction1 = 1 - Math.Pow(beta1, _step), correction2 = 1 - Math.Pow(beta2, _step);
        using var noGrad = no_grad();
        for (int k = 0; k < parameters.Length; k++)
        {
            var grad = parameters[k].grad ?? throw new InvalidOperationException($"parameter {k} has no gradient: backward() was not called");
            _m[k].mul_(beta1).add_(grad, alpha: 1 - beta1);
            _v[k].mul_(beta2).addcmul_(grad, grad, value: 1 - beta2);
            var denominator = (_v[k] / correction2).sqrt_().add_(epsilon);
            parameters[k].sub_(_m[k] / correction1 / denominator * learningRate);
            grad.zero_();
        }
    }
}
