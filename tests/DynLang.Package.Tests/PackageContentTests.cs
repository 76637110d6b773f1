using DynLang.Package.Tests.Infrastructure;

namespace DynLang.Package.Tests;

/// <summary>`dotnet pack` of the generator makes a package with everything a consumer needs, where NuGet looks for it.</summary>
[Collection(PackageCollection.Name)]
public class PackageContentTests(PackedPackage package, ITestOutputHelper output)
{
    [Theory]
    // The generator and its dependencies side by side: the analyzer load context finds them only there.
    [InlineData("analyzers/dotnet/cs/DynLang.Generators.dll")]
    [InlineData("analyzers/dotnet/cs/DynLang.Core.dll")]
    [InlineData("analyzers/dotnet/cs/Antlr4.Runtime.Standard.dll")]
    // What generated code calls at run time.
    [InlineData("lib/net8.0/DynLang.Runtime.dll")]
    // Auto-include of *.dyn, compiler-visible properties, the CoreCompile cache fix; also for transitive consumers.
    [InlineData("build/DynLang.props")]
    [InlineData("build/DynLang.targets")]
    [InlineData("buildTransitive/DynLang.props")]
    [InlineData("buildTransitive/DynLang.targets")]
    // The libtorch load fix for older Linux (issue 10 item 9), beside DynLang.targets, which imports it.
    [InlineData("build/DynLang.TorchSharp.targets")]
    [InlineData("build/PatchLibTorchSharp.cs")]
    [InlineData("buildTransitive/DynLang.TorchSharp.targets")]
    [InlineData("buildTransitive/PatchLibTorchSharp.cs")]
    public void Package_contains(string entry)
    {
        package.EnsurePacked();
        output.WriteLine($"pack took {package.Pack.Elapsed.TotalSeconds:F1} s");
        Assert.Contains(entry, package.Entries);
    }

    [Fact]
    public void Package_declares_no_dependencies_and_no_compile_time_reference_to_the_generator()
    {
        package.EnsurePacked();
        // The generator must not become a compile reference of the consumer (it is an analyzer only),
        // and the package has no NuGet dependencies (the ANTLR runtime travels inside analyzers/).
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("DynLang.Generators"));
        Assert.DoesNotContain(package.Entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Antlr4"));
        using var zip = System.IO.Compression.ZipFile.OpenRead(package.NupkgPath!);
        using var reader = new StreamReader(zip.GetEntry("DynLang.nuspec")!.Open());
        var nuspec = reader.ReadToEnd();
        Assert.Contains($"<version>{package.Version}</version>", nuspec);
        Assert.DoesNotContain("<dependency ", nuspec);
    }

    [Theory]
    [InlineData("build")]
    [InlineData("buildTransitive")]
    public void DynLang_targets_imports_the_TorchSharp_load_fix_shipped_beside_it(string folder)
    {
        package.EnsurePacked();
        string targets = Read($"{folder}/DynLang.targets");
        // Imported from the package's own folder, and only where the file exists: in this repository it
        // does not sit beside build/DynLang.targets, so the TorchSharp projects' own import is not doubled.
        Assert.Contains(
            "<Import Project=\"$(MSBuildThisFileDirectory)DynLang.TorchSharp.targets\"\n" +
            "          Condition=\"Exists('$(MSBuildThisFileDirectory)DynLang.TorchSharp.targets')\" />",
            targets.Replace("\r\n", "\n"));
        Assert.False(File.Exists(Path.Combine(Repo.Root, "generators", "DynLang.Generators", "build", "DynLang.TorchSharp.targets")));
        // The shipped files are the repository's, unchanged.
        string source = Path.Combine(Repo.Root, "src", "DynLang.TorchSharp", "build");
        Assert.Equal(File.ReadAllText(Path.Combine(source, "DynLang.TorchSharp.targets")), Read($"{folder}/DynLang.TorchSharp.targets"));
        Assert.Equal(File.ReadAllText(Path.Combine(source, "PatchLibTorchSharp.cs")), Read($"{folder}/PatchLibTorchSharp.cs"));
    }

    private string Read(string entry)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(package.NupkgPath!);
        var found = zip.GetEntry(entry);
        Assert.True(found is not null, $"{entry} is not in the package");
        using var reader = new StreamReader(found!.Open());
        return reader.ReadToEnd();
    }
}
