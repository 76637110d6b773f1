namespace GrayScott;

/// <summary>
/// The seam between the sample and a backend: set the start, step, read the fields back. The CPU
/// backend is the generated <see cref="GrayScottField"/>; an ILGPU backend implements the same
/// three members with its buffers on the accelerator (copies in <see cref="CopyTo"/> only).
/// </summary>
internal interface IGrayScottStepper : IDisposable
{
    /// <summary>What runs the steps, for the printout.</summary>
    string Description { get; }

    /// <summary>Sets u and v (row-major, x fastest) as the state to step from.</summary>
    void Load(ReadOnlySpan<double> u, ReadOnlySpan<double> v);

    /// <summary>Advances by <paramref name="steps"/> steps of <paramref name="dt"/>.</summary>
    void Step(double dt, int steps);

    /// <summary>Copies the current u and v out.</summary>
    void CopyTo(Span<double> u, Span<double> v);
}

/// <summary>The generated CPU kernel: SIMD along x, rows over all cores.</summary>
internal sealed class CpuGrayScott(int n) : IGrayScottStepper
{
    private readonly GrayScottField _field = new(n, n);

    public string Description => $"CPU (generated GrayScottField, Vector<double> of {System.Numerics.Vector<double>.Count} lanes, {Environment.ProcessorCount} cores)";

    public void Load(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        u.CopyTo(_field.u);
        v.CopyTo(_field.v);
    }

    public void Step(double dt, int steps)
    {
        for (int s = 0; s < steps; s++) _field.Step(dt);
    }

    public void CopyTo(Span<double> u, Span<double> v)
    {
        // Step swaps arrays: take the spans now, not before stepping.
        _field.u.CopyTo(u);
        _field.v.CopyTo(v);
    }

    public void Dispose() { }
}
