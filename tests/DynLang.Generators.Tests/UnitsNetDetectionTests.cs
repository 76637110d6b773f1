using DynLang.Generators.Pipeline;
using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DynLang.Generators.Tests;

/// <summary>
/// The typed UnitsNet accessors of the parameters (<c>{Model}.UnitsNet.g.cs</c>) are emitted only
/// when the compilation references the UnitsNet assembly; then they compile cleanly (every warning
/// wave) against the real UnitsNet 5.75.1, a quantity of the wrong kind does not compile, and the
/// detection step keeps the pipeline cached across C# edits. Without the reference the generated
/// code is byte-identical to before (the baselines).
/// </summary>
public class UnitsNetDetectionTests
{
    private static readonly MetadataReference UnitsNet = MetadataReference.CreateFromFile(typeof(UnitsNet.Duration).Assembly.Location);

    private static readonly (string Path, string Text)[] Files =
    [
        ModelFiles.Load("Lif.dyn"),
        ModelFiles.Load("Conductance.dyn"),
        ModelFiles.Load("Oja.dyn"),
        ("/models/Net.dyn", "neuron N {\n  param tau = 10 ms\n  state v : 1 = 0\n  dv/dt = -v/tau\n  on v > 1 { v = 0; emit spike }\n}\n" +
                            "synapse S(pre N, post N) {\n  param w = 0.1, delay = 1 ms\n  on pre { post.v += w }\n}\n"),
    ];

    /// <summary>One parameter per quantity of the table (the SI names of every quantity must exist in UnitsNet).</summary>
    private const string EveryQuantity = """
        system Every {
          param dur = 1 s, f = 1 Hz, u = 1 V, i = 1 A, r = 1 ohm, g = 1 S, c = 1 F, q = 1 C
          param ind = 1 V*s/A, dvdt = 1 V/s, didt = 1 A/s, j = 1 A/m^2, sigma = 1 S/m, rho = 1 ohm*m
          param flux = 1 V*s, bfield = 1 V*s/m^2
          param len = 1 m, area = 1 m^2, vol = 1 L, speed = 1 m/s, acc = 1 m/s^2, flow = 1 m^3/s
          param mass = 1 kg, density = 1 kg/m^3, massflow = 1 kg/s
          param force = 1 N, p = 1 Pa, e = 1 J, power = 1 W, temp = 300 K
          param n = 1 mol, conc = 1 mM, molflow = 1 mol/s, lum = 1 cd
          param k = 2, odd = 1 V*A*s*m
          state x = 1
          dx/dt = -k*x/dur
          solver euler
        }
        """;

    [Fact]
    public void Without_a_UnitsNet_reference_nothing_is_generated_and_the_parameters_struct_is_not_partial()
    {
        var run = new GeneratorRunner(Files).Run();
        Assert.Contains("LIF.g.cs", run.Sources.Keys); // the models compile (else the absence below proves nothing)
        Assert.DoesNotContain(run.Sources.Keys, hint => hint.Contains(".UnitsNet."));
        Assert.Contains("public readonly record struct LIFParameters", run.Sources["LIF.g.cs"]);
        Assert.DoesNotContain("UnitsNet", run.Sources["LIF.g.cs"]);
        Assert.Empty(run.CompileProblems);
    }

    [Fact]
    public void With_UnitsNet_referenced_dimensioned_parameters_get_typed_accessors_that_compile_cleanly()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(UnitsNet);
        var run = runner.Run();
        Assert.Empty(run.CompileProblems);
        Assert.Contains("public readonly partial record struct LIFParameters", run.Sources["LIF.g.cs"]);
        string lif = run.Sources["LIF.UnitsNet.g.cs"];
        Assert.Contains("public readonly partial record struct LIFParameters", lif);
        Assert.Contains("public global::UnitsNet.Duration tau_mQuantity { get => global::UnitsNet.Duration.FromSeconds(tau_m); init => tau_m = value.Seconds; }", lif);
        Assert.Contains("public global::UnitsNet.ElectricPotential v_thQuantity", lif);
        Assert.Contains("public global::UnitsNet.ElectricResistance RQuantity", lif);
        string conductance = run.Sources["Conductance.UnitsNet.g.cs"];
        Assert.Contains("public global::UnitsNet.ElectricConductance glQuantity", conductance);
        Assert.Contains("public global::UnitsNet.ElectricCapacitance CQuantity", conductance);
        // Synapses too; dimensionless parameters get nothing.
        Assert.Contains("public global::UnitsNet.Duration delayQuantity", run.Sources["S.UnitsNet.g.cs"]);
        Assert.DoesNotContain("wQuantity", run.Sources["S.UnitsNet.g.cs"]);
        // Oja's parameters are all dimensionless: no file, and its struct stays as it was.
        Assert.DoesNotContain("Oja.UnitsNet.g.cs", run.Sources.Keys);
        Assert.DoesNotContain("partial record struct", run.Sources["Oja.g.cs"]);
    }

    [Fact]
    public void Every_quantity_of_the_table_exists_in_UnitsNet_and_unknown_dimensions_get_nothing()
    {
        var runner = new GeneratorRunner([("/models/Every.dyn", EveryQuantity)]);
        runner.AddReference(UnitsNet);
        var run = runner.Run();
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompileProblems);
        string text = run.Sources["Every.UnitsNet.g.cs"];
        foreach (var (name, type) in new[]
                 {
                     ("dur", "Duration"), ("f", "Frequency"), ("u", "ElectricPotential"), ("i", "ElectricCurrent"), ("r", "ElectricResistance"),
                     ("g", "ElectricConductance"), ("c", "ElectricCapacitance"), ("q", "ElectricCharge"), ("ind", "ElectricInductance"),
                     ("dvdt", "ElectricPotentialChangeRate"), ("didt", "ElectricCurrentGradient"), ("j", "ElectricCurrentDensity"),
                     ("sigma", "ElectricConductivity"), ("rho", "ElectricResistivity"), ("flux", "MagneticFlux"), ("bfield", "MagneticField"),
                     ("len", "Length"), ("area", "Area"), ("vol", "Volume"), ("speed", "Speed"), ("acc", "Acceleration"), ("flow", "VolumeFlow"),
                     ("mass", "Mass"), ("density", "Density"), ("massflow", "MassFlow"), ("force", "Force"), ("p", "Pressure"),
                     ("e", "Energy"), ("power", "Power"), ("temp", "Temperature"), ("n", "AmountOfSubstance"), ("conc", "Molarity"),
                     ("molflow", "MolarFlow"), ("lum", "LuminousIntensity"),
                 })
            Assert.Contains($"public global::UnitsNet.{type} {name}Quantity ", text);
        Assert.DoesNotContain("kQuantity", text);   // dimensionless
        Assert.DoesNotContain("oddQuantity", text); // no UnitsNet quantity of that dimension
    }

    [Fact]
    public void Typed_initialisers_and_with_expressions_compile_and_a_quantity_of_the_wrong_kind_is_CS0029()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(UnitsNet);
        runner.AddCSharp("""
            using UnitsNet;
            namespace User;
            public static class Use
            {
                public static Generated.Models.LIFParameters Make() =>
                    new Generated.Models.LIFParameters { tau_mQuantity = Duration.FromMilliseconds(20), RQuantity = ElectricResistance.FromMegaohms(5) }
                        with { v_thQuantity = ElectricPotential.FromMillivolts(-55) };
                public static double Fast(Generated.Models.LIFParameters p) => p.tau_m + p.tau_mQuantity.Seconds;
            }
            """);
        var ok = runner.Run();
        Assert.Empty(ok.CompileProblems);

        runner.AddCSharp("""
            namespace User;
            public static class Wrong
            {
                public static Generated.Models.LIFParameters Make() =>
                    new() { tau_mQuantity = UnitsNet.ElectricPotential.FromMillivolts(10) };
            }
            """);
        var wrong = runner.Run();
        var error = Assert.Single(wrong.CompileProblems);
        Assert.Equal("CS0029", error.Id);
    }

    [Fact]
    public void A_declared_name_that_the_suffix_would_produce_wins()
    {
        var runner = new GeneratorRunner([("/models/Clash.dyn",
            "system Clash {\n  param tau = 1 s, tauQuantity = 2 s\n  state x = 1\n  dx/dt = -x/tau - x/tauQuantity\n  solver euler\n}\n")]);
        runner.AddReference(UnitsNet);
        var run = runner.Run();
        Assert.Empty(run.CompileProblems);
        string text = run.Sources["Clash.UnitsNet.g.cs"];
        Assert.Contains("tauQuantityQuantity", text);
        Assert.DoesNotContain("Duration tauQuantity ", text);
    }

    [Fact]
    public void An_unrelated_edit_keeps_the_detection_and_everything_after_it_cached()
    {
        var runner = new GeneratorRunner(Files);
        runner.AddReference(UnitsNet);
        runner.Run();
        runner.AddCSharp("namespace User; public static class Unrelated { public static int Answer => 42; }");
        var second = runner.Run();
        foreach (var name in new[] { TrackingNames.UnitsNet, TrackingNames.Options, TrackingNames.Compiled, TrackingNames.Project })
        {
            var outputs = second.Generator.TrackedSteps[name].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name}: {o.Reason}"));
        }
    }

    [Fact]
    public void Adding_the_UnitsNet_reference_regenerates_with_the_typed_accessors()
    {
        var runner = new GeneratorRunner(Files);
        Assert.DoesNotContain(runner.Run().Sources.Keys, hint => hint.Contains(".UnitsNet."));
        runner.AddReference(UnitsNet);
        var second = runner.Run();
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(second.Generator.TrackedSteps[TrackingNames.UnitsNet].SelectMany(s => s.Outputs)).Reason);
        Assert.Contains("LIF.UnitsNet.g.cs", second.Sources.Keys);
        Assert.Empty(second.CompileProblems);
    }
}
