using Xunit.Abstractions;

namespace DynLang.Models.Tests;

/// <summary>
/// What a model defines — definitions, invariants, energies — read from C# through the generated
/// members (generated-api.md, "How each declaration surfaces in C#"), against hand computations
/// and the dynamics they describe.
/// </summary>
public sealed class ReadoutTests(ITestOutputHelper output)
{
    [Fact]
    public void Lotka_Volterra_H_is_the_closed_form_on_the_current_state_of_every_element()
    {
        var system = new LotkaVolterraRk4System(3);
        system.x[1] = 5; system.y[1] = 2;
        system.x[2] = 0.5; system.y[2] = 7;
        var p = system.Parameters;
        var bulk = new double[3];
        system.H(bulk);
        for (int k = 0; k < 3; k++)
        {
            double expected = p.delta * system.x[k] - p.gamma * Math.Log(system.x[k]) + p.beta * system.y[k] - p.alpha * Math.Log(system.y[k]);
            // The generated method evaluates the invariant's expression with the same operations in
            // the same order in IEEE double (.NET never contracts a*b + c into an FMA), so it is exact.
            Assert.Equal(expected, system.H(k));
            Assert.Equal(expected, bulk[k]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => system.H(3));
        Assert.Throws<ArgumentException>(() => system.H(new double[2]));
    }

    [Fact]
    public void Lotka_Volterra_H_stays_constant_under_rk4()
    {
        var system = new LotkaVolterraRk4System(1);
        double h0 = system.H(0), worst = 0;
        for (int n = 0; n < 4000; n++)
        {
            system.Step(0.01);
            worst = Math.Max(worst, Math.Abs(system.H(0) - h0));
        }
        output.WriteLine($"H0 = {h0:R}; max |H - H0| over t in [0, 40] at dt 0.01: {worst:E3}");
        // rk4's global error is O(dt⁴) (LotkaVolterraTests measures the 16-fold drop per halving);
        // measured here: max |ΔH| = 1.8e-8. 1e-6 leaves a factor ~50 over that and is still ~10⁶
        // below the O(1) changes of x and y along the orbit, which a wrong H would show.
        Assert.True(worst < 1e-6, $"max |ΔH| = {worst:E3}");
    }

    [Fact]
    public void Hopfield_energy_matches_a_hand_computation_and_decreases_along_the_gradient_flow()
    {
        const int n = 5;
        var random = new Random(20240610);
        var net = new HopfieldSystem(n);
        for (int i = 0; i < n; i++)
        {
            net.b[i] = random.NextDouble() - 0.5;
            net.s[i] = 2 * random.NextDouble() - 1;
            for (int j = 0; j <= i; j++)
            {
                double w = i == j ? 0 : 2 * random.NextDouble() - 1;
                net.WAt(i, j) = w;
                net.WAt(j, i) = w;
            }
        }

        double Hand()
        {
            double quadratic = 0, coupling = 0, bias = 0;
            for (int i = 0; i < n; i++) quadratic += net.s[i] * net.s[i];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) coupling += net.WAt(i, j) * Math.Tanh(net.s[i]) * Math.Tanh(net.s[j]);
            for (int i = 0; i < n; i++) bias += net.b[i] * Math.Tanh(net.s[i]);
            return 0.5 * quadratic - 0.5 * coupling - bias;
        }

        double e0 = net.E();
        // Same sums in the same index order, so the same roundings; 1e-14 relative is a few ulps of
        // the O(1) terms, should the JIT ever evaluate a product differently.
        Assert.Equal(Hand(), e0, 1e-14 * (1 + Math.Abs(e0)));

        double previous = e0;
        for (int step = 0; step < 2000; step++)
        {
            net.Step(0.01);
            double e = net.E();
            // dE/dt = -|∇E|² ≤ 0 along the exact flow; rk4 at dt = 0.01 follows it to O(dt⁵) per
            // step, far below the decrease dt·|∇E|² until the state sits at a minimum, where both
            // vanish: 1e-13 absolute allows only the rounding of an O(1) energy there.
            Assert.True(e <= previous + 1e-13, $"E rose at step {step}: {previous:R} → {e:R}");
            previous = e;
        }
        Assert.Equal(Hand(), previous, 1e-14 * (1 + Math.Abs(previous)));
        output.WriteLine($"E: {e0:R} at t = 0, {previous:R} at t = 20");
        Assert.True(previous < e0 - 1e-3, $"E barely fell: {e0:R} → {previous:R}");
    }

    [Fact]
    public void Oja_y_is_W_times_x()
    {
        var rule = new OjaRule(2, 3);
        double[] w = { 0.5, -1.25, 2, 0.125, 3, -0.75 };
        double[] x = { 1.5, 0.25, -2 };
        w.CopyTo(rule.W);
        x.CopyTo(rule.x);
        double[] y = rule.y();
        Assert.Equal(2, y.Length);
        var into = new double[2];
        rule.y(into);
        for (int i = 0; i < 2; i++)
        {
            double expected = 0;
            for (int j = 0; j < 3; j++) expected += w[i * 3 + j] * x[j];
            // The definition's sum runs j = 0, 1, 2 in order from 0, as here: the same roundings.
            Assert.Equal(expected, y[i]);
            Assert.Equal(expected, into[i]);
        }
        Assert.Throws<ArgumentException>(() => rule.y(new double[3]));
    }

    [Fact]
    public void Scalar_state_and_input_of_an_indexed_system_are_properties_and_its_definitions_are_readable()
    {
        var system = new LeakyReadoutSystem(3);
        double[] w = { 0.5, -1, 2 }, x = { 1, 0.5, 0.25 };
        w.CopyTo(system.w);
        x.CopyTo(system.x);
        system.gain = 2;
        Assert.Equal(2, system.gain);
        double drive = 2 * (0.5 * 1 + -1 * 0.5 + 2 * 0.25); // = 1, exact in binary
        Assert.Equal(drive, system.drive());
        Assert.Equal(0.0, system.r);
        Assert.Equal(drive, system.gap());
        Assert.Equal(0.5 * drive * drive, system.V());

        double tau = system.Parameters.tau;
        for (int n = 0; n < 100; n++) system.Step(0.01);
        double expected = drive * (1 - Math.Exp(-system.Time / tau));
        // rk4 on a linear decay: the relative error per unit time is ~(dt/tau)⁴/120 ≈ 5e-12 here.
        Assert.Equal(expected, system.r, 1e-10);
        Assert.Equal(drive - system.r, system.gap());
        Assert.Equal(0.5 * (drive - system.r) * (drive - system.r), system.V(), 1e-15);

        system.r = 1.5;
        Assert.Equal(1.5, system.r);
        Assert.Equal(drive - 1.5, system.gap());
        system.Reset();
        Assert.Equal(0.0, system.r);
        Assert.Equal(2, system.gain); // inputs keep their values
    }

    [Fact]
    public void A_neuron_definition_is_readable_per_element_in_SI_units()
    {
        var pop = new HhRk4Population(2);
        pop.v[1] = -0.050;
        var p = pop.Parameters;
        var bulk = new double[2];
        pop.beta_h(bulk);
        for (int k = 0; k < 2; k++)
        {
            double v = pop.v[k];
            // beta_h = 4/(1 + exp((40 mV - v + VT)/(5 mV)))/ms, in SI.
            double expected = 4 / (1 + Math.Exp((0.040 - v + p.VT) / 0.005)) / 0.001;
            // The generated code folds the units into its constants (40 mV → 0.04, /ms → /0.001),
            // possibly in another order: 1e-13 relative is a few roundings.
            Assert.Equal(expected, pop.beta_h(k), 1e-13 * expected);
            Assert.Equal(pop.beta_h(k), bulk[k]);
        }
    }
}
