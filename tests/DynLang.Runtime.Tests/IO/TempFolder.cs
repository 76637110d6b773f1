using System.Buffers.Binary;
using System.Text;

namespace DynLang.Runtime.Tests.IO;

/// <summary>A fresh folder under the system temp folder, deleted on dispose; and helpers to make .npy bytes by hand.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dynlang-io-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Reads a file that may still be open for writing (a live monitor file).</summary>
    public static byte[] ReadShared(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[s.Length];
        s.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The lines of a text file that may still be open for writing.</summary>
    public static string[] ReadLinesShared(string path) =>
        Encoding.UTF8.GetString(ReadShared(path)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A version 1.0 .npy image with <paramref name="dict"/> as its header text (padded as numpy pads) and <paramref name="data"/>.</summary>
    public static byte[] NpyBytes(string dict, byte[] data, byte major = 1)
    {
        int preamble = major == 1 ? 10 : 12;
        int total = (preamble + dict.Length + 1 + 63) / 64 * 64;
        var bytes = new byte[total + data.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0 }.CopyTo(bytes, 0);
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)(total - preamble));
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)(total - preamble));
        Encoding.Latin1.GetBytes(dict).CopyTo(bytes, preamble);
        bytes.AsSpan(preamble + dict.Length, total - preamble - dict.Length - 1).Fill((byte)' ');
        bytes[total - 1] = (byte)'\n';
        data.CopyTo(bytes, total);
        return bytes;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp folder is cleaned by the system.
        }
    }
}
