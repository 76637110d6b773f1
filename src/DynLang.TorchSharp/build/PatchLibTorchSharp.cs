// The MSBuild task behind DynLang.TorchSharp.targets (compiled by RoslynCodeTaskFactory from this
// file, so it needs no assembly of its own) and the ELF patcher it uses.
//
// Why: TorchSharp 0.107's libLibTorchSharp.so was linked against GCC 13's libstdc++ and asks for
// the symbol version GLIBCXX_3.4.32, which Debian 12's libstdc++ (GCC 12, up to GLIBCXX_3.4.30)
// lacks, so the library fails to load ("version `GLIBCXX_3.4.32' not found"). The only symbol
// bound to that version, std::ios_base_library_init, comes from GCC 13's <iostream> and is never
// called. Marking the version requirement weak (VER_FLG_WEAK) lets the loader accept the library
// without it. Done on the copy in the output folder only, and only when the system's libstdc++
// lacks the version: on a newer distribution nothing is touched.
#nullable disable
using System;
using System.IO;
using System.Text;
#if !DYNLANG_PATCHER_ONLY // the tests compile the patcher alone (DYNLANG_PATCHER_ONLY), without MSBuild
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

namespace DynLang.TorchSharp.Build
{
#if !DYNLANG_PATCHER_ONLY
    /// <summary>Marks a missing libstdc++ symbol version weak in the copies of libLibTorchSharp.so given.</summary>
    public class PatchLibTorchSharp : Microsoft.Build.Utilities.Task
    {
        /// <summary>The libLibTorchSharp.so files in the output or publish folder.</summary>
        [Required]
        public ITaskItem[] Files { get; set; }

        /// <summary>The symbol version to make optional (GLIBCXX_3.4.32).</summary>
        [Required]
        public string Version { get; set; }

        /// <summary>The system's libstdc++.so.6; found in the usual folders when empty.</summary>
        public string SystemLibrary { get; set; }

        public override bool Execute()
        {
            if (!OperatingSystemIsLinux())
                return true;
            string system = string.IsNullOrEmpty(SystemLibrary) ? ElfVersionPatcher.FindSystemLibStdCxx() : SystemLibrary;
            if (system == null)
            {
                Log.LogMessage(MessageImportance.Normal, "DynLang.TorchSharp: no system libstdc++.so.6 found; libLibTorchSharp.so left as it is.");
                return true;
            }
            if (ElfVersionPatcher.FileContains(system, Version))
            {
                Log.LogMessage(MessageImportance.Low, $"DynLang.TorchSharp: {system} provides {Version}; nothing to patch.");
                return true;
            }
            foreach (ITaskItem item in Files ?? new ITaskItem[0])
            {
                string path = item.ItemSpec;
                try
                {
                    switch (ElfVersionPatcher.MarkVersionWeak(path, Version))
                    {
                        case PatchResult.Patched:
                            Log.LogMessage(MessageImportance.High,
                                $"DynLang.TorchSharp: {path}: {Version} marked optional (this system's libstdc++ lacks it; see docs/torchsharp.md).");
                            break;
                        case PatchResult.AlreadyWeak:
                            Log.LogMessage(MessageImportance.Low, $"DynLang.TorchSharp: {path}: {Version} already optional.");
                            break;
                        case PatchResult.NotRequired:
                            Log.LogMessage(MessageImportance.Low, $"DynLang.TorchSharp: {path} does not ask for {Version}.");
                            break;
                    }
                }
                catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
                {
                    Log.LogWarning(null, "DLT001", null, path, 0, 0, 0, 0,
                        $"DynLang.TorchSharp: could not make {Version} optional in {path}: {e.Message}. TorchSharp may fail to load on this system (libstdc++ lacks {Version}).");
                }
            }
            return !Log.HasLoggedErrors;
        }

        private static bool OperatingSystemIsLinux() =>
            System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux);
    }
#endif

    /// <summary>What <see cref="ElfVersionPatcher.MarkVersionWeak"/> did.</summary>
    public enum PatchResult
    {
        /// <summary>The requirement was found and marked weak.</summary>
        Patched,
        /// <summary>The requirement was already weak.</summary>
        AlreadyWeak,
        /// <summary>The file does not require the version.</summary>
        NotRequired,
    }

    /// <summary>Reads and edits the version-needed section (.gnu.version_r) of a 64-bit little-endian ELF file.</summary>
    public static class ElfVersionPatcher
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 0x2;

        private static readonly string[] LibStdCxxFolders =
        {
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib64", "/lib64", "/usr/lib", "/lib",
        };

        /// <summary>The first libstdc++.so.6 in the usual library folders, or null.</summary>
        public static string FindSystemLibStdCxx()
        {
            foreach (string folder in LibStdCxxFolders)
            {
                string candidate = Path.Combine(folder, "libstdc++.so.6");
                if (File.Exists(candidate)) return candidate;
            }
            return null;
        }

        /// <summary>True when the bytes of <paramref name="path"/> contain <paramref name="text"/> followed by a NUL (a string-table entry).</summary>
        public static bool FileContains(string path, string text)
        {
            byte[] data = File.ReadAllBytes(path);
            byte[] needle = Encoding.ASCII.GetBytes(text + "\0");
            for (int i = 0; i + needle.Length <= data.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && data[i + k] == needle[k]) k++;
                if (k == needle.Length && (i == 0 || data[i - 1] == 0)) return true;
            }
            return false;
        }

        /// <summary>The version names <paramref name="path"/> requires, as "file:version[ (weak)]".</summary>
        public static string[] ListRequirements(string path)
        {
            byte[] data = File.ReadAllBytes(path);
            var list = new System.Collections.Generic.List<string>();
            ForEachRequirement(data, path, (file, name, flagsOffset) =>
                list.Add(file + ":" + name + ((BitConverter.ToUInt16(data, flagsOffset) & VerFlgWeak) != 0 ? " (weak)" : "")));
            return list.ToArray();
        }

        /// <summary>
        /// Sets VER_FLG_WEAK on the requirement of <paramref name="version"/>. The file is rewritten
        /// through a temporary copy and a move, so a hard link to a shared copy (a NuGet cache) is
        /// broken, not edited.
        /// </summary>
        /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or a malformed one.</exception>
        public static PatchResult MarkVersionWeak(string path, string version)
        {
            byte[] data = File.ReadAllBytes(path);
            var result = PatchResult.NotRequired;
            ForEachRequirement(data, path, (file, name, flagsOffset) =>
            {
                if (name != version) return;
                ushort flags = BitConverter.ToUInt16(data, flagsOffset);
                if ((flags & VerFlgWeak) != 0)
                {
                    if (result == PatchResult.NotRequired) result = PatchResult.AlreadyWeak;
                    return;
                }
                flags |= VerFlgWeak;
                data[flagsOffset] = (byte)flags;
                data[flagsOffset + 1] = (byte)(flags >> 8);
                result = PatchResult.Patched;
            });
            if (result == PatchResult.Patched)
            {
                // Write a new file and rename it over the old name: the old inode (possibly shared
                // with the NuGet cache through a hard link) is left as it was.
                string temporary = path + ".dynlang-patch";
                File.Copy(path, temporary, overwrite: true);   // keeps the file's mode
                File.WriteAllBytes(temporary, data);
                File.Delete(path);
                File.Move(temporary, path);
            }
            return result;
        }

        private static void ForEachRequirement(byte[] data, string path, Action<string, string, int> visit)
        {
            if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
                throw new InvalidDataException($"{path} is not an ELF file.");
            if (data[4] != 2 || data[5] != 1)
                throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file (class {data[4]}, data {data[5]}).");
            long shoff = (long)BitConverter.ToUInt64(data, 0x28);
            int shentsize = BitConverter.ToUInt16(data, 0x3A), shnum = BitConverter.ToUInt16(data, 0x3C);
            if (shoff <= 0 || shentsize < 64 || shoff + (long)shentsize * shnum > data.Length)
                throw new InvalidDataException($"{path}: section headers lie outside the file (offset {shoff}, {shnum} × {shentsize} bytes, file {data.Length} bytes).");
            for (int s = 0; s < shnum; s++)
            {
                int header = checked((int)(shoff + (long)s * shentsize));
                if (BitConverter.ToUInt32(data, header + 4) != ShtGnuVerneed) continue;
                long offset = (long)BitConverter.ToUInt64(data, header + 24);
                uint stringSection = BitConverter.ToUInt32(data, header + 40);
                uint count = BitConverter.ToUInt32(data, header + 44);
                if (stringSection >= shnum)
                    throw new InvalidDataException($"{path}: .gnu.version_r links to section {stringSection} of {shnum}.");
                long strings = (long)BitConverter.ToUInt64(data, checked((int)(shoff + (long)stringSection * shentsize)) + 24);
                long need = offset;
                for (uint n = 0; n < count; n++)
                {
                    Check(data, path, need, 16);
                    ushort auxCount = BitConverter.ToUInt16(data, (int)need + 2);
                    string file = ReadString(data, path, strings + BitConverter.ToUInt32(data, (int)need + 4));
                    long aux = need + BitConverter.ToUInt32(data, (int)need + 8);
                    for (int a = 0; a < auxCount; a++)
                    {
                        Check(data, path, aux, 16);
                        string name = ReadString(data, path, strings + BitConverter.ToUInt32(data, (int)aux + 8));
                        visit(file, name, (int)aux + 4);
                        uint nextAux = BitConverter.ToUInt32(data, (int)aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = BitConverter.ToUInt32(data, (int)need + 12);
                    if (next == 0) break;
                    need += next;
                }
            }
        }

        private static void Check(byte[] data, string path, long offset, int length)
        {
            if (offset < 0 || offset + length > data.Length)
                throw new InvalidDataException($"{path}: version entry at {offset} is outside the file ({data.Length} bytes).");
        }

        private static string ReadString(byte[] data, string path, long offset)
        {
            Check(data, path, offset, 1);
            int end = (int)offset;
            while (end < data.Length && data[end] != 0) end++;
            return Encoding.ASCII.GetString(data, (int)offset, end - (int)offset);
        }
    }
}
