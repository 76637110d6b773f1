using static TorchSharp.torch;

namespace Samples;

/// <summary>
/// The residuals of PinnHeat.dyn, written by hand with autograd. This is the stand-in for the
/// generated <c>PinnHeatPinn</c> class (issue 14, item 1): the sample calls the generated class
/// once it is on this branch, and this file then only documents what it computes.
/// </summary>
internal static class HeatResiduals
{
    /// <summary>u_t − D·u_xx at the collocation points; t and x require grad, u = net(t, x).</summary>
    public static Tensor Pde(Tensor t, Tensor x, Tensor u, Tensor d)
    {
        var ut = Derivative(u, t);
        var ux = Derivative(u, x);
        var uxx = Derivative(ux, x);
        return ut - d * uxx;
    }

    /// <summary>u − value on a dirichlet side.</summary>
    public static Tensor Dirichlet(Tensor u, double value) => u - value;

    /// <summary>u(0, x) − u0(x).</summary>
    public static Tensor Initial(Tensor u, Tensor u0) => u - u0;

    // ∂y/∂x pointwise: the gradient of Σ y (each y[i] depends only on x[i]), with create_graph so
    // that the result can be differentiated again (u_xx) and back to the network's parameters, and retain_graph (TorchSharp's default is false, not
    // create_graph as in PyTorch) so that u's graph survives for u_x after u_t.
    private static Tensor Derivative(Tensor y, Tensor x) =>
        autograd.grad([y], [x], [ones_like(y)], retain_graph: true, create_graph: true)[0];
}
