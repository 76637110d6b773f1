using System.Text.RegularExpressions;
using DynLang.Package.Tests.Infrastructure;

namespace DynLang.Package.Tests;

/// <summary>
/// `dynlang new` against the packed DynLang: the project it makes restores from the local feed, builds
/// (the generator runs on Models/Lif.dyn) and runs on first try, as issue 13 asks of it.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class NewProjectConsumerTests(PackedPackage package, ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _work = new("new-project");

    [Fact]
    public void A_project_made_by_dynlang_new_builds_and_runs_on_first_try()
    {
        package.EnsurePacked();
        string target = _work.Combine("Demo");
        var made = DotNet.Run(Repo.Root, "run", "--project", Path.Combine(Repo.Root, "src", "DynLang.Cli"), "--",
            "new", "Demo", "-o", target, "--feed", package.FeedPath, "--package-version", package.Version).EnsureSuccess();
        Assert.Contains($"created {target}", made.Output);

        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _work.Combine(".packages") };
        var run = DotNet.Run(target, environment, "run").EnsureSuccess();
        output.WriteLine($"new {made.Elapsed.TotalSeconds:F1} s, first run {run.Elapsed.TotalSeconds:F1} s");
        // 2 nA through 10 MΩ settles 20 mV above rest, over the 15 mV threshold: every neuron fires
        // regularly (13.9 ms to threshold, 10 ms·ln 4, plus 2 ms refractory: about 63 Hz), so a silent run is a failure.
        var match = Regex.Match(run.Output, @"(\d+) spikes, ([\d.]+) Hz per neuron");
        Assert.True(match.Success, run.Output);
        Assert.InRange(double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), 10, 200);
    }

    public void Dispose() => _work.Dispose();
}
