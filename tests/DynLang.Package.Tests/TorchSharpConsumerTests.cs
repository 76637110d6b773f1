using System.Globalization;
using System.Text.RegularExpressions;
using DynLang.Package.Tests.Infrastructure;
using DynLang.TorchSharp.Build;

namespace DynLang.Package.Tests;

/// <summary>
/// Issue 10, item 9: a project that gets DynLang from the package and references TorchSharp-cpu gets the
/// libtorch load fix for older Linux (Debian 12) from the package, without importing anything itself.
/// A console project with a LIF neuron steps the generated <c>LifTorch</c> beside the CPU class. Where
/// the system's libstdc++ lacks GLIBCXX_3.4.32 it is first built with the fix turned off
/// (<c>DynLangPatchLibTorchSharp=false</c>) and must fail to load libtorch, which shows the fix is
/// what makes the second, default build run.
///
/// TorchSharp-cpu and libtorch are ~1.4 GB: this test restores them into the machine's NuGet cache
/// (where the TorchSharp projects of this repository have put them already), not into a folder of its
/// own. DynLang still comes only from the temp feed, in this run's unique version, which the test
/// removes from the cache afterwards. The bin folder (~1 GB) is deleted afterwards too.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TorchSharpConsumerTests(PackedPackage package, ITestOutputHelper output) : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private const string LoadFailure = "TorchSharp could not load its native library";

    private readonly TempFolder _project = new("torch-consumer");
    private string? _cachedDynLang;

    [Fact]
    public void TorchSharp_consumer_of_the_package_loads_libtorch_and_steps_the_generated_torch_class()
    {
        package.EnsurePacked();
        string torchSharpVersion = CentralVersion("TorchSharp-cpu");
        string cache = GlobalPackagesFolder();
        _cachedDynLang = Path.Combine(cache, "dynlang", package.Version.ToLowerInvariant());

        _project.Write("NuGet.config", ConsumerProject.NuGetConfig(package.FeedPath));
        _project.Write("TorchConsumer.csproj", ConsumerProject.Csproj($"""
              <PropertyGroup>
                <!-- One platform's native files in bin (~1 GB instead of ~3 GB for all of them). -->
                <RuntimeIdentifier>$(NETCoreSdkRuntimeIdentifier)</RuntimeIdentifier>
                <SelfContained>false</SelfContained>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="DynLang" Version="[{package.Version}]" />
                <PackageReference Include="TorchSharp-cpu" Version="[{torchSharpVersion}]" />
              </ItemGroup>
            """));
        _project.Write("Lif.dyn", LifModel);
        _project.Write("Program.cs", Program);

        var restore = DotNet.Run(_project.Path, "restore");
        Assert.True(restore.ExitCode == 0,
            $"TorchSharp-cpu {torchSharpVersion} (with libtorch, ~1.4 GB) or DynLang {package.Version} could not be restored " +
            $"into {cache}. This test needs TorchSharp-cpu in the NuGet cache or nuget.org reachable; it is not skipped.\n{restore.Output}");

        string? system = ElfVersionPatcher.FindSystemLibStdCxx();
        bool systemLacksVersion = system is not null && !ElfVersionPatcher.FileContains(system, Version);
        output.WriteLine($"system libstdc++: {system ?? "none found"}, {(systemLacksVersion ? "lacks" : "has")} {Version}; restore {restore.Elapsed.TotalSeconds:F0} s");

        if (systemLacksVersion)
        {
            // Without the fix libtorch does not load here: the generated class says so.
            var unpatched = DotNet.Run(_project.Path, "build", "--no-restore", "-c", "Debug", "-p:DynLangPatchLibTorchSharp=false").EnsureSuccess();
            Assert.DoesNotContain("marked optional", unpatched.Output);
            var failing = DotNet.Run(_project.Path, "run", "--no-build", "-c", "Debug");
            output.WriteLine($"build without the fix {unpatched.Elapsed.TotalSeconds:F0} s, run {failing.Elapsed.TotalSeconds:F0} s");
            Assert.True(failing.ExitCode != 0, $"libtorch loaded without the fix on a system without {Version}:\n{failing.Output}");
            Assert.Contains("LifTorch: " + LoadFailure, failing.Output);
        }

        // The default build: the package's DynLang.TorchSharp.targets patches the output copy when needed.
        var build = DotNet.Run(_project.Path, "build", "--no-restore", "-c", "Debug").EnsureSuccess();
        var run = DotNet.Run(_project.Path, "run", "--no-build", "-c", "Debug");
        output.WriteLine($"build {build.Elapsed.TotalSeconds:F0} s, run {run.Elapsed.TotalSeconds:F0} s");
        Assert.True(run.ExitCode == 0, $"the TorchSharp consumer failed (exit {run.ExitCode}); build output:\n{build.Output}\nrun:\n{run.Output}");
        Assert.DoesNotContain(LoadFailure, run.Output);

        // The generated LifTorch agrees with the CPU class: 1000 exact steps, several spikes each.
        var values = ConsumerProject.ParseOutput(run.Output);
        double cpuV = ConsumerProject.Number(values, "cpu.v", run.Output), torchV = ConsumerProject.Number(values, "torch.v", run.Output);
        Assert.Equal(cpuV, torchV, 1e-12);   // volts; lerp_ rounds a few ulp differently (docs/torchsharp.md)
        double cpuSpikes = ConsumerProject.Number(values, "cpu.spikes", run.Output);
        Assert.True(cpuSpikes > 0, run.Output);
        Assert.Equal(cpuSpikes, ConsumerProject.Number(values, "torch.spikes", run.Output));

        // What the build did to the output copies, and that the NuGet cache's copies were left alone.
        var copies = Directory.GetFiles(_project.Combine("bin"), "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.NotEmpty(copies);
        foreach (string copy in copies)
        {
            string requirement = Requirement(copy);
            output.WriteLine($"{Path.GetRelativePath(_project.Path, copy)}: {requirement}");
            Assert.Equal(systemLacksVersion, requirement.EndsWith("(weak)", StringComparison.Ordinal));
        }
        if (systemLacksVersion)
            Assert.Contains($"libLibTorchSharp.so: {Version} marked optional", build.Output);
        string cachedTorchSharp = Path.Combine(cache, "torchsharp");   // TorchSharp-cpu's dependency carries the library
        var cached = Directory.Exists(cachedTorchSharp)
            ? Directory.GetFiles(cachedTorchSharp, "libLibTorchSharp.so", SearchOption.AllDirectories)
            : [];
        Assert.NotEmpty(cached);
        foreach (string file in cached)
            Assert.False(Requirement(file).EndsWith("(weak)", StringComparison.Ordinal), $"the NuGet cache's {file} was patched");
    }

    /// <summary>The library's requirement of <see cref="Version"/>, as "libstdc++.so.6:GLIBCXX_3.4.32[ (weak)]".</summary>
    private static string Requirement(string library)
    {
        var requirements = ElfVersionPatcher.ListRequirements(library).Where(r => r.Contains(":" + Version, StringComparison.Ordinal)).ToList();
        Assert.True(requirements.Count == 1, $"{library} requires {Version} {requirements.Count} times: {string.Join(", ", requirements)}");
        return requirements[0];
    }

    /// <summary>A package's version in the repository's Directory.Packages.props (the one its TorchSharp projects restore).</summary>
    private static string CentralVersion(string id)
    {
        string props = File.ReadAllText(Path.Combine(Repo.Root, "Directory.Packages.props"));
        var match = Regex.Match(props, $"""<PackageVersion\s+Include="{Regex.Escape(id)}"\s+Version="([^"]+)" """.TrimEnd());
        Assert.True(match.Success, $"Directory.Packages.props has no PackageVersion for {id}");
        return match.Groups[1].Value;
    }

    /// <summary>The NuGet global packages folder this machine's builds use (NUGET_PACKAGES or ~/.nuget/packages).</summary>
    private string GlobalPackagesFolder()
    {
        var list = DotNet.Run(_project.Path, "nuget", "locals", "global-packages", "--list").EnsureSuccess();
        var match = Regex.Match(list.Output, @"global-packages:\s*(.+)");
        Assert.True(match.Success, list.Output);
        return match.Groups[1].Value.Trim();
    }


    /// <summary>README.md's LIF neuron.</summary>
    private const string LifModel = """
        neuron Lif {
          param tau_m = 10 ms
          param v_rest = -65 mV, v_th = -50 mV, v_reset = -65 mV
          param R = 10 Mohm
          param t_ref = 2 ms
          input I : nA
          state v = v_rest

          dv/dt = (v_rest - v + R*I) / tau_m

          on v > v_th {
            v = v_reset
            emit spike
            refractory t_ref
          }
        }
        """;

    /// <summary>Steps 4 neurons on the CPU and as tensors, 1000 steps of 0.1 ms at 2 nA; prints "key=value" lines.</summary>
    private const string Program = """
        using System.Globalization;
        using Consumer;
        using TorchSharp;

        const int n = 4;
        var cpu = new LifPopulation(n);
        using var tensors = new LifTorch(n);
        cpu.I.Fill(2e-9);
        tensors.I = torch.full(new long[] { n }, 2e-9, dtype: torch.float64);
        long cpuSpikes = 0, torchSpikes = 0;
        for (int s = 0; s < 1000; s++)
        {
            cpu.Step(1e-4); cpuSpikes += cpu.SpikeCount;
            tensors.Step(1e-4); torchSpikes += tensors.SpikeCount;
        }
        Console.WriteLine("cpu.v=" + cpu.v[0].ToString("R", CultureInfo.InvariantCulture));
        Console.WriteLine("torch.v=" + tensors.v[0].ToDouble().ToString("R", CultureInfo.InvariantCulture));
        Console.WriteLine("cpu.spikes=" + cpuSpikes);
        Console.WriteLine("torch.spikes=" + torchSpikes);
        """;

    public void Dispose()
    {
        _project.Dispose();   // bin (~1 GB) and obj
        // This run's DynLang (a unique version) is of no use to any later build.
        if (_cachedDynLang is not null && Directory.Exists(_cachedDynLang))
        {
            try { Directory.Delete(_cachedDynLang, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
