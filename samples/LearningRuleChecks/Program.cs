// Each verdict printed by the build, measured on the generated kernels.
using Samples;

var random = new Random(7);
const int N = 6;
bool allAgree = true;
void Report(string claim, string measured, bool agrees)
{
    allAgree &= agrees;
    Console.WriteLine($"{(agrees ? "agrees" : "DISAGREES"),-10} {claim,-52} {measured}");
}

// Symmetry: Hebb vs Oja from the same symmetric start.
var hebb = new HebbRule(N);
var oja = new OjaRule(N);
for (int a = 0; a < N; a++)
    for (int b = 0; b <= a; b++)
    {
        double w = random.NextDouble() - 0.5;
        hebb.WAt(a, b) = hebb.WAt(b, a) = oja.WAt(a, b) = oja.WAt(b, a) = w;
    }
for (int step = 0; step < 2000; step++)
{
    for (int k = 0; k < N; k++) hebb.x[k] = oja.x[k] = random.NextDouble();
    hebb.Step(1);
    oja.Step(1);
}
double Asymmetry(Func<int, int, double> w)
{
    double max = 0;
    for (int a = 0; a < N; a++) for (int b = 0; b < N; b++) max = Math.Max(max, Math.Abs(w(a, b) - w(b, a)));
    return max;
}
double hebbAsymmetry = Asymmetry((a, b) => hebb.WAt(a, b)), ojaAsymmetry = Asymmetry((a, b) => oja.WAt(a, b));
// The proof is about exact arithmetic: (eta*x[i])*x[j] and (eta*x[j])*x[i] may round apart by an
// ulp each step, so floating point keeps W symmetric to ~1e-16 relative, not bit for bit.
Report("Hebb keeps W symmetric (proven)", $"max|W - Wᵀ| = {hebbAsymmetry:G3} (rounding)", hebbAsymmetry < 1e-12);
Report("Oja breaks symmetry (disproven)", $"max|W - Wᵀ| = {ojaAsymmetry:G3}", ojaAsymmetry > 1e-6);

// Signs: exponentiated vs additive gradient steps on the same gradients.
var exp = new ExpGDRule(N, N);
var add = new AdditiveGDRule(N, N);
for (int k = 0; k < N * N; k++) exp.W[k] = add.W[k] = random.NextDouble() < 0.5 ? -0.1 : 0.1;
var initialSigns = exp.W.ToArray().Select(Math.Sign).ToArray();
for (int step = 0; step < 200; step++)
{
    for (int k = 0; k < N * N; k++) exp.g[k] = add.g[k] = random.NextDouble() * 2 - 1;
    exp.Step();
    add.Step();
}
int expFlips = exp.W.ToArray().Select(Math.Sign).Zip(initialSigns).Count(p => p.First != p.Second);
int addFlips = add.W.ToArray().Select(Math.Sign).Zip(initialSigns).Count(p => p.First != p.Second);
Report("exponentiated gradient keeps signs (proven)", $"{expFlips} of {N * N} weights changed sign", expFlips == 0);
Report("additive gradient flips signs (disproven)", $"{addFlips} of {N * N} weights changed sign", addFlips > 0);

// Gradient flow: the Hopfield energy never increases along the dynamics (E() is the model's `energy E`).
var hopfield = new HopfieldSystem(N);
for (int a = 0; a < N; a++)
{
    hopfield.b[a] = random.NextDouble() - 0.5;
    hopfield.s[a] = random.NextDouble() * 2 - 1;
    for (int b = 0; b <= a; b++) hopfield.WAt(a, b) = hopfield.WAt(b, a) = random.NextDouble() * 2 - 1;
}
double previous = hopfield.E(), largestRise = 0;
for (int step = 0; step < 400; step++)
{
    hopfield.Step();
    double energy = hopfield.E();
    largestRise = Math.Max(largestRise, energy - previous);
    previous = energy;
}
Report("Hopfield descends its energy (gradient flow)", $"largest energy increase per step {largestRise:G3}", largestRise <= 1e-12);

// Invariant: Lotka–Volterra's H with rk4 at the model's dt (H(0) is the model's `invariant H` of element 0).
var lv = new LotkaVolterraSystem(1);
double h0 = lv.H(0), drift = 0;
for (int step = 0; step < 10_000; step++)
{
    lv.Step();
    drift = Math.Max(drift, Math.Abs(lv.H(0) - h0));
}
// rk4's local error at dt = 0.01 is ~dt^5 per step; 10,000 steps keep H to ~1e-8.
Report("Lotka–Volterra conserves H (proven)", $"max |H(t) - H(0)| over 100 time units = {drift:G3}", drift < 1e-6);

Console.WriteLine();
Console.WriteLine(allAgree ? "every measurement agrees with its verdict" : "a measurement disagrees with its verdict");
return allAgree ? 0 : 1;
