namespace DynLang.Benchmarks;

/// <summary>
/// How many bytes of memory traffic one element (one neuron, one triad index) of a benchmark
/// moves per operation, so that the bandwidth columns can turn a time into GB/s.
/// </summary>
/// <remarks>
/// Two counts because the triad writes an array it never reads: a cache with write-allocate
/// reads each line of <c>a</c> before writing it, so the hardware moves 32 B per triad element
/// while STREAM's convention counts 24. The LIF kernels read every value they write (in-place
/// update), so both counts are equal for them. Bytes are counted from the code that runs (see
/// the comment at each use); rare writes (a spike's last-step stamp, a refractory counter) are
/// left out and said so there.
/// </remarks>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BytesPerElementAttribute(int explicitBytes, int withWriteAllocate) : Attribute
{
    /// <summary>Bytes the code reads plus bytes it writes (STREAM's convention).</summary>
    public int ExplicitBytes { get; } = explicitBytes;

    /// <summary><see cref="ExplicitBytes"/> plus the line fills that write-allocate adds for write-only arrays.</summary>
    public int WithWriteAllocate { get; } = withWriteAllocate;
}
