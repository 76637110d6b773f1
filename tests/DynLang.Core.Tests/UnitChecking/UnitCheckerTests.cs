using DynLang.Core.Diagnostics;
using DynLang.Core.Tests.TestSupport;
using DynLang.Core.Units;

namespace DynLang.Core.Tests.UnitChecking;

public sealed class UnitCheckerTests
{
    [Fact]
    public void DimensionsAreInferredFromValuesAndAnnotations()
    {
        var model = Compile.BindClean("""
            neuron LIF {
              param tau_m = 10 ms, R = 10 Mohm
              param C : pF = 200 pF
              input I : nA
              state v = -65 mV
              I_leak = v / R
              dv/dt = (I - I_leak) / C
            }
            """);
        Assert.Equal(Dimension.Time, model.Parameters.Single(p => p.Name == "tau_m").Dimension);
        Assert.Equal(Dimension.Capacitance, model.Parameters.Single(p => p.Name == "C").Dimension);
        Assert.Equal(Dimension.Voltage, model.States.Single().Dimension);
        Assert.Equal(Dimension.Current, model.Definitions.Single().Dimension);
    }

    [Fact]
    public void AZeroStateTakesTheUnitOfWhatItIsAddedTo()
    {
        // apre = 0 with apre += Apre (dimensionless), v = 0 inside (v0 - v): the uses decide.
        var model = Compile.BindClean("""
            neuron N {
              param tau = 10 ms, Apre = 0.01
              input v0 : mV
              state v = 0, apre = 0
              dv/dt = (v0 - v) / tau
              dapre/dt = -apre / tau
              on v > 10 mV { v = 0 mV; apre += Apre }
            }
            """);
        Assert.Equal(Dimension.Voltage, model.States.Single(s => s.Name == "v").Dimension);
        Assert.Equal(Dimension.Dimensionless, model.States.Single(s => s.Name == "apre").Dimension);
    }

    [Fact]
    public void AModelWithoutUnitsIsUnitFreeAndTimeIsDimensionless()
    {
        var model = Compile.BindClean("""
            system LV { param a = 1.1
              state x = 10
              dx/dt = a*x }
            """);
        Assert.False(model.UsesUnits);
        Assert.Equal(Dimension.Dimensionless, model.TimeStep.Dimension);
    }

    [Fact]
    public void AMismatchIsReportedOnTheOddTermWithExpectedAndFoundUnits()
    {
        var (_, diagnostics) = Compile.Bind("""
            neuron N { param tau = 10 ms, R = 1 Mohm
              input I : nA
              state v = 0 mV
              dv/dt = (-v + R*I + I) / tau }
            """);
        var d = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal(DiagnosticDescriptors.UnitMismatch.Id, d.Id);
        Assert.Equal("unit mismatch in a sum: expected V, found A", d.Message);
        // `I` at the end of the sum: line 4, the second I.
        Assert.Equal(3, d.Location.Start.Line);
        Assert.Equal(22, d.Location.Start.Character);
    }

    [Fact]
    public void QuantitiesUseBrian2sDoubleArithmetic()
    {
        // 1.62 mV is computed as 1.62 * 1e-3 in double, exactly as Brian2 computes 1.62*mV.
        var model = Compile.BindClean("""
            neuron N { param w = 1.62 mV
              state v = 0 mV
              dv/dt = -v / (5 ms) }
            """);
        var literal = Assert.IsType<DynLang.Core.Binding.BoundLiteral>(model.Parameters.Single().Default);
        Assert.Equal(1.62 * 1e-3, literal.Value);
    }

    [Theory]
    [InlineData("exp(v)", "the argument of exp must be dimensionless, found V")]
    [InlineData("v^tau", "an exponent must be dimensionless, found s")]
    [InlineData("sqrt(v) * v", null)]
    [InlineData("min(v, tau)", "unit mismatch between the arguments of min: expected V, found s")]
    public void FunctionUnitRules(string expression, string? message)
    {
        var (_, diagnostics) = Compile.Bind($$"""
            neuron N { param tau = 10 ms
              state v = 1 mV
              x = {{expression}}
              dv/dt = -v / tau }
            """);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        if (message is null) Assert.Empty(errors);
        else Assert.Contains(errors, d => d.Message == message);
    }
}
