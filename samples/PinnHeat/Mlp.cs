using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Samples;

/// <summary>
/// The network u(t, x): a multilayer perceptron with tanh (smooth, so u_xx exists and is not zero
/// almost everywhere as with ReLU), inputs scaled to [−1, 1] (tanh saturates outside), Xavier-normal
/// weights and zero biases (Glorot's choice for tanh; the PINN literature's default), float64.
/// </summary>
internal sealed class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> _layers = new();
    private readonly double _t, _l;

    public Mlp(int hidden, int width, double tMax, double length, long seed) : base(nameof(Mlp))
    {
        torch.random.manual_seed(seed);
        int inputs = 2;
        for (int i = 0; i <= hidden; i++)
        {
            var layer = nn.Linear(i == 0 ? inputs : width, i == hidden ? 1 : width, dtype: ScalarType.Float64);
            nn.init.xavier_normal_(layer.weight!);
            nn.init.zeros_(layer.bias!);
            _layers.Add(layer);
        }
        (_t, _l) = (tMax, length);
        RegisterComponents();
    }

    /// <summary>u at the points (t[i], x[i]); t and x are column vectors [n, 1], so is the result.</summary>
    public Tensor forward(Tensor t, Tensor x) => forward(cat([2 * t / _t - 1, 2 * x / _l - 1], 1));

    /// <summary>u at scaled inputs [n, 2].</summary>
    public override Tensor forward(Tensor input)
    {
        var h = input;
        for (int i = 0; i < _layers.Count; i++)
        {
            h = _layers[i].forward(h);
            if (i < _layers.Count - 1) h = h.tanh();
        }
        return h;
    }
}
