using DynLang.Package.Tests.Infrastructure;

namespace DynLang.Package.Tests;

/// <summary>
/// The in-repository path (samples, benchmarks, tests): a project that imports DynLang.InRepo.targets
/// gets the generator and the runtime by ProjectReference. Built here from a temp folder that imports
/// the targets by absolute path, so it depends on no other project of the repository.
/// </summary>
public sealed class InRepoConsumerTests(ITestOutputHelper output) : IDisposable
{
    // As in PackageConsumerTests: 100 exact-propagator steps, relative rounding ≈ 1.1e-14.
    private const double Tolerance = 1e-12;

    private readonly TempFolder _project = new("inrepo");

    [Fact]
    public void Project_importing_the_in_repo_targets_builds_and_runs()
    {
        _project.Write("Consumer.csproj", ConsumerProject.Csproj($"""  <Import Project="{Repo.InRepoTargets}" />"""));
        _project.Write("Models/Decay.dyn", ConsumerProject.DecayModel);
        _project.Write("Program.cs", ConsumerProject.Program);
        // A proof, to see its verdict in the ordinary build output (issue 10, item 4).
        _project.Write("Models/Hebb.dyn", "rule Hebb(x[i]) on W[i,j] {\n  param eta = 0.001\n  dW[i,j]/dt = eta * x[i] * x[j]\n  assert symmetric(W)\n}\n");

        var build = DotNet.Run(_project.Path, "build", "-c", "Debug").EnsureSuccess();
        // Normal verbosity: the Info diagnostic itself is not printed, the build's verdict line is.
        Assert.Contains("DynLang: Hebb.dyn: Hebb: symmetry proven", build.Output);
        var run = DotNet.Run(_project.Path, "run", "--no-build", "-c", "Debug").EnsureSuccess();
        output.WriteLine($"build {build.Elapsed.TotalSeconds:F1} s, run {run.Elapsed.TotalSeconds:F1} s");

        var values = ConsumerProject.ParseOutput(run.Output);
        Assert.Equal(Math.Exp(-0.5), ConsumerProject.Number(values, "decay.x", run.Output), Tolerance);
        Assert.Equal("absent", values.GetValueOrDefault("growth"));
    }

    public void Dispose() => _project.Dispose();
}
