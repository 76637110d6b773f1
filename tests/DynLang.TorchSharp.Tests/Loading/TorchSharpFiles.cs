using System.Reflection;

namespace DynLang.TorchSharp.Tests.Loading;

/// <summary>Where the two copies of libLibTorchSharp.so are: TorchSharp's package and the output folder.</summary>
internal static class TorchSharpFiles
{
    /// <summary>The package's copy in the NuGet cache, as TorchSharp ships it (the build never patches it).</summary>
    public static string PackageLibrary
    {
        get
        {
            string root = typeof(TorchSharpFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "NuGetPackageRoot").Value!;
            return Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    /// <summary>The copy in this test's output folder, the one TorchSharp loads.</summary>
    public static string OutputLibrary =>
        Assert.Single(Directory.GetFiles(AppContext.BaseDirectory, "libLibTorchSharp.so", SearchOption.AllDirectories));
}
