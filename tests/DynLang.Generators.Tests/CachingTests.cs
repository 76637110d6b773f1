using DynLang.Generators.Pipeline;
using DynLang.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace DynLang.Generators.Tests;

/// <summary>
/// The incremental pipeline recomputes only what changed: every named step (TrackingNames) is
/// cached after an unrelated C# edit, and editing one .dyn file recompiles only that file.
/// </summary>
public class CachingTests
{
    private static readonly string[] StepNames =
        [TrackingNames.Ilgpu, TrackingNames.Torch, TrackingNames.UnitsNet, TrackingNames.Options, TrackingNames.Sources, TrackingNames.Compiled, TrackingNames.Project];

    private static GeneratorRunner TwoFiles() => new(
    [
        ("/models/A.dyn", "system A {\n  param k = 2\n  state x = 1\n  dx/dt = -k*x\n  solver euler\n}\n"),
        ("/models/B.dyn", "system B {\n  param r = 3\n  state y = 1\n  dy/dt = -r*y\n  solver rk4\n}\n"),
    ]);

    [Fact]
    public void An_unrelated_CSharp_edit_leaves_every_step_cached()
    {
        var runner = TwoFiles();
        runner.Run();
        runner.AddCSharp("namespace User; public static class Unrelated { public static int Answer => 42; }");
        var second = runner.Run();

        foreach (var name in StepNames)
        {
            var outputs = Outputs(second, name);
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(
                o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {name}: output {o.Value} was {o.Reason}"));
        }
    }

    [Fact]
    public void Editing_one_file_recompiles_only_that_file()
    {
        var runner = TwoFiles();
        runner.Run();
        runner.EditFile("/models/B.dyn", "system B {\n  param r = 4\n  state y = 1\n  dy/dt = -r*y\n  solver rk4\n}\n");
        var second = runner.Run();

        var compiled = Outputs(second, TrackingNames.Compiled)
            .ToDictionary(o => ((FileResult)o.Value).Path, o => o.Reason);
        Assert.Equal(2, compiled.Count);
        Assert.Equal(IncrementalStepRunReason.Modified, compiled["/models/B.dyn"]);
        Assert.True(compiled["/models/A.dyn"] is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
            $"A.dyn was {compiled["/models/A.dyn"]}");
        // The project step sees a changed file and so produces a changed result.
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(Outputs(second, TrackingNames.Project)).Reason);
    }

    [Fact]
    public void An_edit_that_changes_nothing_generated_stops_at_the_compile_step()
    {
        // A comment changes the text, so the file is compiled again, but the result is equal (the
        // comment is at the end: no position that #line or a diagnostic carries moves), so the
        // project step and the output are not redone.
        var runner = TwoFiles();
        runner.Run();
        runner.EditFile("/models/B.dyn", "system B {\n  param r = 3\n  state y = 1\n  dy/dt = -r*y\n  solver rk4\n}\n// a comment\n");
        var second = runner.Run();

        var compiled = Outputs(second, TrackingNames.Compiled).ToDictionary(o => ((FileResult)o.Value).Path, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, compiled["/models/B.dyn"]);
        Assert.True(Assert.Single(Outputs(second, TrackingNames.Project)).Reason
            is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);
    }

    private static IReadOnlyList<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string stepName)
    {
        Assert.True(run.Generator.TrackedSteps.TryGetValue(stepName, out var steps), $"no step named {stepName} was tracked");
        return steps.SelectMany(s => s.Outputs).ToList();
    }
}
