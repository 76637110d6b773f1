using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;

namespace DynLang.Distributed;

/// <summary>
/// Points MPI.NET at MPICH. MPI.NET P/Invokes <c>msmpi.dll</c> (MS-MPI, whose ABI is MPICH's, with
/// integer handles); on Linux the same calls resolve in MPICH's <c>libmpich.so.12</c>. Open MPI's
/// ABI (pointer handles) does not match, so it is not tried.
/// </summary>
public static class MpiLibrary
{
    /// <summary>The libraries tried, in order (Debian/Ubuntu's mpich package, then a plain MPICH install).</summary>
    public static readonly string[] Candidates = { "libmpich.so.12", "libmpich.so" };

    /// <summary>What to do when none loads: one line naming the fix.</summary>
    public const string InstallHint =
        "install MPICH: 'sudo apt-get install mpich libmpich-dev' (Debian/Ubuntu; scripts/install-mpich.sh does it), " +
        "or put MPICH's libmpich.so.12 on LD_LIBRARY_PATH; Open MPI's libmpi does not fit MPI.NET's ABI";

    private static readonly object Gate = new();
    private static IntPtr _handle;
    private static string? _loaded;

    /// <summary>The library loaded (after <see cref="Load"/>), or null.</summary>
    public static string? Loaded => _loaded;

    /// <summary>Loads MPICH and makes MPI.NET use it; idempotent.</summary>
    /// <exception cref="DllNotFoundException">No MPICH library could be loaded: the message says what to install.</exception>
    public static void Load()
    {
        lock (Gate)
        {
            if (_handle != IntPtr.Zero) return;
            (_handle, _loaded) = Find(Candidates);
            NativeLibrary.SetDllImportResolver(typeof(MPI.Environment).Assembly, Resolve);
        }
    }

    /// <summary>The first of <paramref name="candidates"/> that loads, or the one-line error saying what to install.</summary>
    /// <exception cref="DllNotFoundException">None loads.</exception>
    internal static (IntPtr Handle, string Name) Find(IReadOnlyList<string> candidates)
    {
        foreach (var name in candidates)
            if (NativeLibrary.TryLoad(name, out var handle)) return (handle, name);
        throw new DllNotFoundException($"No MPI library found (tried {string.Join(", ", candidates)}): {InstallHint}.");
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name.Contains("msmpi", StringComparison.OrdinalIgnoreCase) ? _handle : IntPtr.Zero;
}
