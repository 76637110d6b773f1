// Trains a two-layer spiking network (20 inputs → 32 LIF → 3 LIF) on three input spike-rate patterns
// through the generated StepDifferentiable, once per threshold model in Snn.dyn: the hard threshold
// with a fast-sigmoid surrogate gradient, and the smooth log-sum-exp threshold. The prediction is
// the output neuron with the most spikes (a tie counts as wrong); the loss is the cross-entropy of
// the output spike counts. Both models start from the same weights and see the same data.
using System.Diagnostics;
using SurrogateSnn;
using TorchSharp;
using static TorchSharp.torch;

const int Channels = 20, Hidden = 32, Classes = 3, Steps = 40, Epochs = 100;
const double Dt = 1e-3;           // s: 40 steps = 40 ms of input per sample
const double Nanoampere = 1e-9;   // weights are in nA per input spike (the models' input I is in A)
const double LearningRate = 0.05; // Adam, in nA

torch.manual_seed(7);
// Class patterns: firing probabilities per step between 0.02 and 0.25 (20–250 Hz at dt = 1 ms).
var prototypes = rand(Classes, Channels, dtype: ScalarType.Float64) * 0.23 + 0.02;
var (trainX, trainY) = Data.Make(prototypes, perClass: 30, Steps, jitter: 0.3);
var (testX, testY) = Data.Make(prototypes, perClass: 30, Steps, jitter: 0.3);
var initW1 = randn(Channels, Hidden, dtype: ScalarType.Float64) * 0.6 + 0.4;
var initW2 = randn(Hidden, Classes, dtype: ScalarType.Float64) * 0.6 + 0.4;

Console.WriteLine($"Task: {Classes} input rate patterns over {Channels} channels, {Steps} steps of {Dt * 1e3} ms; " +
                  $"{trainY.shape[0]} training and {testY.shape[0]} test samples. Network {Channels} → {Hidden} LIF → {Classes} LIF.");
Train("fast_sigmoid (hard threshold, surrogate gradient)", n => new SnnFastTorch(n));
Train("log_sum_exp (soft threshold, exact gradient)", n => new SnnSoftTorch(n));

void Train(string title, Func<int, ISpikingLayer> create)
{
    Console.WriteLine();
    Console.WriteLine(title);
    var w1 = initW1.clone().requires_grad_(true);
    var w2 = initW2.clone().requires_grad_(true);
    var adam = new Adam(new[] { w1, w2 }, LearningRate);
    var clock = Stopwatch.StartNew();
    for (int epoch = 1; epoch <= Epochs; epoch++)
    {
        using var scope = NewDisposeScope();
        var (counts, _) = Run(create, trainX, w1, w2);
        var loss = nn.functional.cross_entropy(counts, trainY);
        loss.backward();
        adam.Step();
        if (epoch == 1 || epoch % 10 == 0)
            Console.WriteLine($"  epoch {epoch,2}: loss {loss.item<double>():F4}, train accuracy {Accuracy(counts, trainY):P0}");
    }
    using (no_grad())
    using (NewDisposeScope())
    {
        var (counts, hard) = Run(create, testX, w1, w2);
        Console.WriteLine($"  test accuracy {Accuracy(counts, testY):P0} (the model's own spikes), {Accuracy(hard, testY):P0} (hard threshold crossings); " +
                          $"{clock.Elapsed.TotalSeconds:F1} s for {Epochs} epochs");
    }
}

// Output spike counts [samples, classes]: the differentiable ones StepDifferentiable returns, and the hard crossings.
(Tensor Counts, Tensor Hard) Run(Func<int, ISpikingLayer> create, Tensor x, Tensor w1, Tensor w2)
{
    int samples = (int)x.shape[1];
    var hidden = create(samples * Hidden);
    var output = create(samples * Classes);
    var counts = zeros(samples, Classes, dtype: ScalarType.Float64);
    var hard = zeros(samples, Classes, dtype: ScalarType.Float64);
    for (int s = 0; s < Steps; s++)
    {
        hidden.I = x[s].matmul(w1).mul(Nanoampere).reshape(-1);
        var hiddenSpikes = hidden.StepDifferentiable(Dt).reshape(samples, Hidden);
        output.I = hiddenSpikes.matmul(w2).mul(Nanoampere).reshape(-1);
        counts = counts + output.StepDifferentiable(Dt).reshape(samples, Classes);
        hard = hard + output.Spikes.to(ScalarType.Float64).reshape(samples, Classes);
    }
    return (counts, hard);
}

// Fraction of samples whose own class has strictly the most output spikes.
static double Accuracy(Tensor counts, Tensor labels)
{
    var own = counts.gather(1, labels.unsqueeze(1)).squeeze(1);
    var others = counts.scatter(1, labels.unsqueeze(1), full_like(counts, double.NegativeInfinity)).max(1).values;
    return (own > others).to(ScalarType.Float64).mean().item<double>();
}
