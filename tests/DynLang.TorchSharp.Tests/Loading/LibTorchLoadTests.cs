using DynLang.TorchSharp.Build;
using TorchSharp;

namespace DynLang.TorchSharp.Tests.Loading;

/// <summary>
/// TorchSharp must load on this machine (Debian 12, libstdc++ up to GLIBCXX_3.4.30) through the
/// build's patch of the output copy of libLibTorchSharp.so, and a system that has the version must
/// get nothing patched.
/// </summary>
public sealed class LibTorchLoadTests
{
    private const string Version = "GLIBCXX_3.4.32";

    [Fact]
    public void Torch_loads_and_computes()
    {
        using var t = torch.ones(3) * 2;
        Assert.Equal(6f, t.sum().item<float>());
    }

    [Fact]
    public void Output_copy_is_patched_exactly_when_the_system_lacks_the_version()
    {
        string? system = ElfVersionPatcher.FindSystemLibStdCxx();
        Assert.NotNull(system); // a Linux test machine has a libstdc++.so.6 (TorchSharp needs it)
        bool systemHasIt = ElfVersionPatcher.FileContains(system!, Version);
        string requirement = RequirementIn(TorchSharpFiles.OutputLibrary);
        // Patched (weak) only where needed; elsewhere the library is left exactly as shipped.
        Assert.Equal(systemHasIt ? $"libstdc++.so.6:{Version}" : $"libstdc++.so.6:{Version} (weak)", requirement);
    }

    [Fact]
    public void NuGet_cache_copy_is_left_as_shipped()
    {
        string cached = TorchSharpFiles.PackageLibrary;
        Assert.True(File.Exists(cached), $"TorchSharp's package copy not found at {cached}");
        Assert.Equal($"libstdc++.so.6:{Version}", RequirementIn(cached));
    }

    private static string RequirementIn(string path) =>
        Assert.Single(ElfVersionPatcher.ListRequirements(path), r => r.StartsWith($"libstdc++.so.6:{Version}", StringComparison.Ordinal));
}
