using System.Reflection;
using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DynLang.Generators.Tests;

/// <summary>
/// Issue 10, item 3: one mistake in a .dyn file is one error. The model that got no code keeps a
/// stand-in class declaring what the model declares, so the C# that uses it compiles and the build
/// lists only the .dyn error (not three CS0246 "could not be found"); constructing it throws,
/// naming the model and the file.
/// </summary>
public class OneMistakeOneErrorTests
{
    private const string EqProp = """
        namespace consumer
        system EqProp(b[i]) {
          param beta = 0.5
          param W[i,j] symmetric
          state s[i]
          ds[i]/dt = -s[i] + sum(j, W[i,j]*tanh(s[j])) + b[i] + beta*undefined_target[i]
        }
        neuron Cell {
          param tau = 10 ms
          input I : mV
          state v = 0 mV
          dv/dt = (I - v)/tau
          on v > 10 mV { v = 0 mV; emit spike }
        }
        synapse Link(pre Cell, post Cell) {
          param w = 1 mV
          on pre { post.v += w + bogus }
        }
        """;

    private const string UserCode = """
        using consumer;
        using DynLang.Runtime;

        public static class UsesModels
        {
            public static double Run()
            {
                var system = new EqPropSystem(10);
                system.Parameters = system.Parameters with { beta = 1.0 };
                system.s.Fill(0.1);
                system.W.Clear();
                system.b.Fill(0);
                system.Step(0.01);
                var cells = new CellPopulation(100);
                cells.I.Fill(1e-3);
                var links = new LinkSynapses(cells, cells, Connectivity.OneToOne(100));
                var network = new Network(1e-4).Add(cells, links);
                network.Run(0.01);
                return system.Time + cells.SpikeCount + cells.v[0];
            }
        }
        """;

    [Fact]
    public void Cs_code_using_models_with_dyn_errors_reports_only_the_dyn_errors()
    {
        var runner = new GeneratorRunner(new[] { ("/models/EqProp.dyn", EqProp) });
        runner.AddCSharp(UserCode);
        var run = runner.Run();

        Assert.Equal(new[] { "DL0100", "DL0100" },
            run.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.Id).Order());
        // The C# side has nothing to add: no CS0246 for EqPropSystem, no missing namespace 'consumer'.
        Assert.Empty(run.CompileProblems);
        Assert.Contains("EqProp.g.cs", run.Sources.Keys);
        Assert.Contains("a stand-in, because the model got no code", run.Sources["EqProp.g.cs"]);
        Assert.Contains("Link.g.cs", run.Sources.Keys);
        Assert.Contains("Cell.g.cs", run.Sources.Keys);
        Assert.DoesNotContain("stand-in", run.Sources["Cell.g.cs"]);
    }

    [Fact]
    public void Constructing_the_stand_in_throws_naming_the_model_the_file_and_the_error()
    {
        var runner = new GeneratorRunner(new[] { ("/models/EqProp.dyn", EqProp) });
        var run = runner.Run();
        using var image = new MemoryStream();
        var emitted = run.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        // Load next to the runtime the generated code references.
        var context = new System.Runtime.Loader.AssemblyLoadContext("stub-test", isCollectible: true);
        try
        {
            context.LoadFromAssemblyPath(typeof(DynLang.Runtime.Network).Assembly.Location);
            var assembly = context.LoadFromStream(new MemoryStream(image.ToArray()));
            var type = assembly.GetType("consumer.EqPropSystem")!;
            var e = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(type, new object?[] { new object?[] { 10 } }));
            var inner = Assert.IsType<InvalidOperationException>(e.InnerException);
            Assert.Contains("EqPropSystem cannot be used: system 'EqProp' has errors (EqProp.dyn(6,", inner.Message);
            Assert.Contains("DL0100", inner.Message);
            Assert.Contains("Fix the errors reported in EqProp.dyn", inner.Message);
        }
        finally
        {
            context.Unload();
        }
    }
}
