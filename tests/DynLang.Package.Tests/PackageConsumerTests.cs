using DynLang.Package.Tests.Infrastructure;

namespace DynLang.Package.Tests;

/// <summary>
/// A fresh console project consumes the packed DynLang from a local feed, as a user's project would:
/// restore, build (the generator runs inside the real compiler), run, check the numbers; then a
/// model file older than the last build is added and must still be compiled; then a wrong model
/// must fail the build with an error located in its file. One test, because every phase builds
/// on the restored project of the one before (a fresh project costs a restore and a full build).
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class PackageConsumerTests(PackedPackage package, ITestOutputHelper output) : IDisposable
{
    // Exact solver: x_{n+1} = e^{-dt/tau}·x_n, so after 100 steps x = (e^{-0.005})^100 up to 100
    // roundings of one multiplication each (relative 100·2^-53 ≈ 1.1e-14); 1e-12 leaves margin and
    // is still 10 orders of magnitude below the error of any non-exact solver at this dt (euler: ~1e-3).
    private const double Tolerance = 1e-12;

    private readonly TempFolder _project = new("consumer");

    [Fact]
    public void Console_app_builds_runs_picks_up_an_older_model_file_and_reports_located_errors()
    {
        package.EnsurePacked();
        _project.Write("NuGet.config", ConsumerProject.NuGetConfig(package.FeedPath));
        _project.Write("Consumer.csproj", ConsumerProject.Csproj(
            $"""  <ItemGroup><PackageReference Include="DynLang" Version="[{package.Version}]" /></ItemGroup>"""));
        _project.Write("Models/Decay.dyn", ConsumerProject.DecayModel);
        _project.Write("Program.cs", ConsumerProject.Program);
        // A package folder of its own: the user's global cache is neither used (no stale DynLang) nor filled.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _project.Combine(".packages") };

        var build = DotNet.Run(_project.Path, environment, "build", "-c", "Debug").EnsureSuccess();
        var run = DotNet.Run(_project.Path, environment, "run", "--no-build", "-c", "Debug").EnsureSuccess();
        output.WriteLine($"pack {package.Pack.Elapsed.TotalSeconds:F1} s, build {build.Elapsed.TotalSeconds:F1} s, run {run.Elapsed.TotalSeconds:F1} s");

        var values = ConsumerProject.ParseOutput(run.Output);
        Assert.Equal(1.0, ConsumerProject.Number(values, "decay.t", run.Output), Tolerance);
        Assert.Equal(Math.Exp(-0.5), ConsumerProject.Number(values, "decay.x", run.Output), Tolerance);
        Assert.True(values.GetValueOrDefault("growth") == "absent", $"Growth exists before its file was added:\n{run.Output}");

        // The CoreCompile up-to-date pitfall: a model file older than the last build, and no C# edit.
        var growth = _project.Write("Models/Growth.dyn", ConsumerProject.GrowthModel);
        File.SetLastWriteTimeUtc(growth, new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var rebuild = DotNet.Run(_project.Path, environment, "build", "-c", "Debug").EnsureSuccess();
        var rerun = DotNet.Run(_project.Path, environment, "run", "--no-build", "-c", "Debug").EnsureSuccess();
        output.WriteLine($"rebuild {rebuild.Elapsed.TotalSeconds:F1} s, run {rerun.Elapsed.TotalSeconds:F1} s");

        var after = ConsumerProject.ParseOutput(rerun.Output);
        Assert.True(after.ContainsKey("growth.y"), $"the older Growth.dyn was not compiled:\n{rebuild.Output}\n{rerun.Output}");
        Assert.Equal(Math.Exp(0.5), ConsumerProject.Number(after, "growth.y", rerun.Output), Tolerance * Math.Exp(0.5));
        Assert.Equal(Math.Exp(-0.5), ConsumerProject.Number(after, "decay.x", rerun.Output), Tolerance);

        // A wrong model fails the build with a located error, printed as the compiler prints its own.
        _project.Write("Models/Broken.dyn", ConsumerProject.BrokenModel);
        var broken = DotNet.Run(_project.Path, environment, "build", "-c", "Debug");
        output.WriteLine($"failing build {broken.Elapsed.TotalSeconds:F1} s");
        Assert.True(broken.ExitCode != 0, $"a model with a unit error built:\n{broken.Output}");
        Assert.Contains("Broken.dyn(4,25): error DL0201: unit mismatch in a sum: expected V, found ohm", broken.Output);
    }


    public void Dispose() => _project.Dispose();
}
