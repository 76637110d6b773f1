using System.IO.Compression;

namespace DynLang.Package.Tests.Infrastructure;

/// <summary>
/// The DynLang package, packed once for all tests of the "package" collection into a temporary
/// feed, with a version unique to this run: a NuGet cache can never serve an older DynLang instead.
/// </summary>
public sealed class PackedPackage : IDisposable
{
    private readonly TempFolder _feed = new("feed");

    public PackedPackage()
    {
        Version = $"0.1.0-pkgtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid().ToString("N")[..8]}";
        // PackageVersion, not Version: only the package is versioned per run, so the Release build of
        // the generator and DynLang.Core stays incremental across runs.
        Pack = DotNet.Run(Repo.Root, "pack", Repo.GeneratorProject, "-c", "Release", "-o", _feed.Path,
            $"-p:PackageVersion={Version}");
        var nupkg = Path.Combine(_feed.Path, $"DynLang.{Version}.nupkg");
        if (Pack.ExitCode == 0 && File.Exists(nupkg))
        {
            NupkgPath = nupkg;
            using var zip = ZipFile.OpenRead(nupkg);
            Entries = zip.Entries.Select(e => e.FullName).ToList();
        }
    }

    /// <summary>The package version of this run.</summary>
    public string Version { get; }

    /// <summary>The pack command (its output explains a failure).</summary>
    public CommandResult Pack { get; }

    /// <summary>The local feed folder.</summary>
    public string FeedPath => _feed.Path;

    /// <summary>The .nupkg, or null when packing failed.</summary>
    public string? NupkgPath { get; }

    /// <summary>The paths inside the .nupkg.</summary>
    public IReadOnlyList<string> Entries { get; } = [];

    /// <summary>Fails the test (with the pack output) unless packing succeeded.</summary>
    public void EnsurePacked()
    {
        Pack.EnsureSuccess();
        Assert.True(NupkgPath is not null, $"pack succeeded but DynLang.{Version}.nupkg is not in {FeedPath}:\n{Pack.Output}");
    }

    public void Dispose() => _feed.Dispose();
}

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "package";
}
