using System;
using System.Linq;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// Allocation with the sizes in the error, as the generated ILGPU classes do it: a set of buffers
/// the accelerator cannot hold is refused before any of them is made (the total against
/// <see cref="Accelerator.MemorySize"/>), and an allocation that fails anyway is rethrown naming
/// the owner, the buffer, its length and the bytes asked for.
/// </summary>
internal static class DeviceMemory
{
    /// <summary>Refuses <paramref name="buffers"/> when together they exceed the accelerator's memory, naming each one.</summary>
    /// <exception cref="InsufficientMemoryException">The total is larger than the accelerator's memory.</exception>
    public static void CheckTotal(Accelerator accelerator, string owner, params (string Name, long Length, int ElementSize)[] buffers)
    {
        // decimal: absurd sizes must fail this check, not overflow past it.
        decimal total = 0;
        foreach (var b in buffers) total += (decimal)b.Length * b.ElementSize;
        if (total <= accelerator.MemorySize) return;
        string list = string.Join(", ", buffers.Select(b => $"{b.Name}: {b.Length} × {b.ElementSize} B"));
        throw new InsufficientMemoryException(
            $"{owner}: the buffers need {total} bytes ({list}) but accelerator '{accelerator.Name}' has {accelerator.MemorySize} bytes of memory.");
    }

    /// <summary>Allocates one buffer of <paramref name="length"/> elements; an out-of-memory failure is rethrown with the owner, the name and the size.</summary>
    /// <exception cref="InsufficientMemoryException">The allocation failed.</exception>
    public static MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(Accelerator accelerator, string owner, string name, long length)
        where T : unmanaged
    {
        try
        {
            return accelerator.Allocate1D<T>(length);
        }
        catch (Exception e) when (e is OutOfMemoryException || e is AcceleratorException || e is ArgumentOutOfRangeException)
        {
            int size = Unsafe.SizeOf<T>();
            throw new InsufficientMemoryException(
                $"{owner}: allocating buffer '{name}' ({length} × {size} bytes = {(decimal)length * size} bytes) on accelerator '{accelerator.Name}' failed: {e.Message}", e);
        }
    }
}
