using System.Diagnostics;
using DynLang.TorchSharp.Build;

namespace DynLang.TorchSharp.Tests.Loading;

/// <summary>The ELF patcher on copies of the real libLibTorchSharp.so and on bad files.</summary>
public sealed class ElfVersionPatcherTests : IDisposable
{
    private const string Version = "GLIBCXX_3.4.32";
    private readonly string _folder = Directory.CreateTempSubdirectory("dynlang-elf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A copy of the library as TorchSharp ships it (its package's copy, never patched).</summary>
    private string ShippedCopy()
    {
        string copy = Path.Combine(_folder, "libLibTorchSharp.so");
        File.Copy(TorchSharpFiles.PackageLibrary, copy, overwrite: true);
        return copy;
    }

    [Fact]
    public void Marks_the_requirement_weak_once_and_touches_nothing_else()
    {
        string path = ShippedCopy();
        Assert.Contains($"libstdc++.so.6:{Version}", ElfVersionPatcher.ListRequirements(path)); // shipped: required
        byte[] before = File.ReadAllBytes(path);
        Assert.Equal(PatchResult.Patched, ElfVersionPatcher.MarkVersionWeak(path, Version));
        Assert.Contains($"libstdc++.so.6:{Version} (weak)", ElfVersionPatcher.ListRequirements(path));
        Assert.Equal(PatchResult.AlreadyWeak, ElfVersionPatcher.MarkVersionWeak(path, Version));
        byte[] after = File.ReadAllBytes(path);
        Assert.Equal(before.Length, after.Length);
        // Exactly one byte differs: the low byte of one vna_flags field, which gained VER_FLG_WEAK (2).
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        int at = Assert.Single(changed);
        Assert.Equal(before[at] | 0x2, after[at]);
        // Other requirements stay strong.
        Assert.Contains("libstdc++.so.6:GLIBCXX_3.4.30", ElfVersionPatcher.ListRequirements(path));
    }

    [Fact]
    public void A_version_the_file_does_not_ask_for_is_reported_not_required()
    {
        string path = ShippedCopy();
        Assert.Equal(PatchResult.NotRequired, ElfVersionPatcher.MarkVersionWeak(path, "GLIBCXX_9.9.99"));
    }

    [Fact]
    public void A_hard_link_to_the_file_keeps_the_old_content()
    {
        string path = ShippedCopy();
        string link = Path.Combine(_folder, "linked.so");
        using (var ln = Process.Start(new ProcessStartInfo("ln", new[] { path, link }) { UseShellExecute = false })!)
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }
        Assert.Equal(PatchResult.Patched, ElfVersionPatcher.MarkVersionWeak(path, Version));
        // The build's copy may be a hard link into the NuGet cache: that inode must keep the shipped bytes.
        Assert.Contains($"libstdc++.so.6:{Version}", ElfVersionPatcher.ListRequirements(link));
        Assert.Contains($"libstdc++.so.6:{Version} (weak)", ElfVersionPatcher.ListRequirements(path));
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused_with_its_name()
    {
        string path = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(path, "not a shared library, but long enough to have an ELF header's size ..........");
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkVersionWeak(path, Version));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void A_truncated_library_is_refused_not_misread()
    {
        string path = ShippedCopy();
        byte[] data = File.ReadAllBytes(path);
        File.WriteAllBytes(path, data.AsSpan(0, data.Length / 2).ToArray()); // section headers sit at the end
        var e = Assert.Throws<InvalidDataException>(() => ElfVersionPatcher.MarkVersionWeak(path, Version));
        Assert.Contains("outside the file", e.Message);
    }

    [Fact]
    public void A_system_library_that_has_the_version_is_recognised()
    {
        // What a newer distribution's libstdc++ holds: the version name as a string-table entry.
        string fake = Path.Combine(_folder, "libstdc++.so.6");
        File.WriteAllBytes(fake, [.. "\0GLIBCXX_3.4.31\0"u8, .. "GLIBCXX_3.4.32\0"u8, .. "GLIBCXX_3.4.33\0"u8]);
        Assert.True(ElfVersionPatcher.FileContains(fake, Version));
        File.WriteAllBytes(fake, [.. "\0GLIBCXX_3.4.30\0"u8, .. "XGLIBCXX_3.4.32\0"u8]);
        Assert.False(ElfVersionPatcher.FileContains(fake, Version)); // only whole entries count
    }
}
