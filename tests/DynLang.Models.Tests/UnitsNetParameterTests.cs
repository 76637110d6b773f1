using UnitsNet;

namespace DynLang.Models.Tests;

/// <summary>
/// The typed UnitsNet views of the parameters (this project references UnitsNet, so every model
/// here gets <c>{Model}.UnitsNet.g.cs</c>): an initialiser in any unit lands in the SI double, the
/// getter gives the same quantity back, 'with' works, and the SI doubles stay what the kernels read.
/// </summary>
public sealed class UnitsNetParameterTests
{
    [Fact]
    public void A_typed_initialiser_sets_the_SI_double_and_the_getter_round_trips()
    {
        var p = new AdExParameters { tauwQuantity = Duration.FromMilliseconds(10), bQuantity = ElectricCurrent.FromPicoamperes(80.5) };
        Assert.Equal(0.01, p.tauw, 15);
        Assert.Equal(80.5e-12, p.b, tolerance: 1e-24);
        Assert.Equal(10, p.tauwQuantity.Milliseconds, 12);
        Assert.Equal(80.5, p.bQuantity.Picoamperes, 10);
        // The defaults written in the model, read typed.
        Assert.Equal(281, p.CQuantity.Picofarads, 9);
        Assert.Equal(30, p.gLQuantity.Nanosiemens, 9);
        Assert.Equal(-70.6, p.ELQuantity.Millivolts, 9);
    }

    [Fact]
    public void With_expressions_take_quantities_and_the_model_runs_on_the_SI_values()
    {
        var neurons = new AdExPopulation(2);
        neurons.Parameters = neurons.Parameters with { VrQuantity = ElectricPotential.FromMillivolts(-60), aQuantity = ElectricConductance.FromNanosiemens(2) };
        Assert.Equal(-0.060, neurons.Parameters.Vr, 15);
        Assert.Equal(2e-9, neurons.Parameters.a, tolerance: 1e-24);
        Assert.Equal(ElectricPotential.FromVolts(-0.060), neurons.Parameters.VrQuantity);
    }

    [Fact]
    public void A_derived_parameter_reads_its_computed_default_typed_and_can_be_set_typed()
    {
        var defaults = new HhRk4Parameters();
        Assert.Equal(defaults.Cm, defaults.CmQuantity.Farads);
        Assert.Equal(200, defaults.CmQuantity.Picofarads, 9); // 1 uF/cm^2 * 20000 um^2
        var set = defaults with { CmQuantity = ElectricCapacitance.FromPicofarads(100) };
        Assert.Equal(100e-12, set.Cm, tolerance: 1e-24);
    }
}
