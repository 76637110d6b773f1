// Oja's rule on 8-dimensional correlated inputs. The inputs are Gaussian with a covariance whose
// eigenvalues are 5, 2, 1, 0.5, … and random eigenvectors; the learned weight vector must align
// with the first principal component (cosine → 1) and keep unit length.
using Samples;

const int D = 8, Samples = 40_000;
var random = new Random(1982);
double[] eigenvalues = { 5, 2, 1, 0.5, 0.25, 0.1, 0.05, 0.02 };
double[,] basis = RandomOrthonormalBasis(D, random);   // columns are the principal axes

var rule = new OjaRule(i: 1, j: D);
for (int j = 0; j < D; j++) rule.WAt(0, j) = random.NextDouble() - 0.5;

var pc1 = Enumerable.Range(0, D).Select(k => basis[k, 0]).ToArray();
Console.WriteLine("  samples   |cos(W, PC1)|   |W|");
var x = new double[D];
var z = new double[D];
for (int n = 1; n <= Samples; n++)
{
    for (int k = 0; k < D; k++) z[k] = Math.Sqrt(eigenvalues[k]) * Gaussian(random);
    for (int r = 0; r < D; r++)
    {
        double sum = 0;
        for (int k = 0; k < D; k++) sum += basis[r, k] * z[k];
        x[r] = sum;
    }
    x.CopyTo(rule.x);
    rule.Step(1.0);
    if (n == 1 || n % 5000 == 0) Console.WriteLine($"{n,9:N0} {Cosine(rule.W, pc1),15:F6} {Norm(rule.W),7:F4}");
}

double cosine = Cosine(rule.W, pc1), norm = Norm(rule.W);
// Stochastic approximation with eta = 0.002: the weight fluctuates around PC1 with angle of
// order sqrt(eta * λ2/(λ1-λ2)) ~ 0.03 rad, so cos ≥ 0.995 and |W| within 2% of 1 are expected.
bool ok = cosine > 0.995 && Math.Abs(norm - 1) < 0.02;
Console.WriteLine(ok ? "converged to the first principal component: ok" : "did NOT converge as expected");
return ok ? 0 : 1;

static double Gaussian(Random random) =>
    Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

static double Norm(ReadOnlySpan<double> w)
{
    double s = 0;
    foreach (var value in w) s += value * value;
    return Math.Sqrt(s);
}

static double Cosine(ReadOnlySpan<double> a, double[] b)
{
    double dot = 0;
    for (int k = 0; k < b.Length; k++) dot += a[k] * b[k];
    return Math.Abs(dot) / (Norm(a) * Norm(b));
}

static double[,] RandomOrthonormalBasis(int d, Random random)
{
    // Gram–Schmidt on Gaussian vectors.
    var q = new double[d, d];
    for (int c = 0; c < d; c++)
    {
        var v = new double[d];
        for (int r = 0; r < d; r++) v[r] = Gaussian(random);
        for (int prev = 0; prev < c; prev++)
        {
            double dot = 0;
            for (int r = 0; r < d; r++) dot += v[r] * q[r, prev];
            for (int r = 0; r < d; r++) v[r] -= dot * q[r, prev];
        }
        double norm = Math.Sqrt(v.Sum(e => e * e));
        for (int r = 0; r < d; r++) q[r, c] = v[r] / norm;
    }
    return q;
}
