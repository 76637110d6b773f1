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
}
