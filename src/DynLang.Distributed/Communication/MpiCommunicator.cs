using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>
/// The ranks of <c>mpiexec</c>: MPI_COMM_WORLD through MPI.NET over MPICH. Create one per process
/// with <see cref="Start"/>, before anything else touches MPI; disposing it ends MPI (MPI_Finalize).
/// </summary>
/// <remarks>
/// Only MPI.NET's flat primitive collectives are used (Allgather of one value, AllgatherFlattened,
/// Allreduce of one value): its collectives on arrays of arrays go through BinaryFormatter, which
/// .NET 10 removed. Buffers are kept between calls, so an exchange allocates only when it grows.
/// </remarks>
public sealed class MpiCommunicator : ICommunicator
{
    private static MpiCommunicator? _current;
    private readonly MPI.Environment _environment;
    private readonly MPI.Intracommunicator _world;
    private int[] _intSend = Array.Empty<int>();
    private byte[] _byteSend = Array.Empty<byte>();

    private MpiCommunicator(MPI.Environment environment)
    {
        _environment = environment;
        _world = MPI.Communicator.world;
        Rank = _world.Rank;
        Size = _world.Size;
    }

    /// <summary>
    /// Starts MPI (MPI_Init) with the program's arguments and returns the world communicator. Run the
    /// program under <c>mpiexec.mpich -n N dotnet App.dll</c>; started without mpiexec it is one rank.
    /// </summary>
    /// <exception cref="DllNotFoundException">MPICH is not installed: the message says what to install.</exception>
    /// <exception cref="InvalidOperationException">MPI was already started in this process (MPI allows one start).</exception>
    public static MpiCommunicator Start(ref string[] args)
    {
        MpiLibrary.Load();
        if (_current is not null || MPI.Environment.Initialized)
            throw new InvalidOperationException("MPI was already started in this process: create one MpiCommunicator and pass it on (MPI allows one MPI_Init per process).");
        var environment = new MPI.Environment(ref args);
        return _current = new MpiCommunicator(environment);
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"MPI ({MpiLibrary.Loaded}), {Size} rank{(Size == 1 ? "" : "s")}");

    /// <inheritdoc/>
    public int[] AllgatherInt(int value) => _world.Allgather(value);

    /// <inheritdoc/>
    public long[] AllgatherLong(long value) => _world.Allgather(value);

    /// <inheritdoc/>
    public void AllgatherV(ReadOnlySpan<int> values, int[] counts, int[] received)
    {
        Collectives.CheckGather(Rank, values.Length, counts, received.Length);
        // MPI.NET takes arrays whose whole length is sent: keep one per length used.
        if (_intSend.Length != values.Length) _intSend = new int[values.Length];
        values.CopyTo(_intSend);
        var output = received;
        _world.AllgatherFlattened(_intSend, counts, ref output);
        if (!ReferenceEquals(output, received)) output.AsSpan(0, received.Length).CopyTo(received);
    }

    /// <inheritdoc/>
    public void AllgatherV(ReadOnlySpan<byte> values, int[] counts, byte[] received)
    {
        Collectives.CheckGather(Rank, values.Length, counts, received.Length);
        if (_byteSend.Length != values.Length) _byteSend = new byte[values.Length];
        values.CopyTo(_byteSend);
        var output = received;
        _world.AllgatherFlattened(_byteSend, counts, ref output);
        if (!ReferenceEquals(output, received)) output.AsSpan(0, received.Length).CopyTo(received);
    }

    /// <inheritdoc/>
    public int AllreduceMin(int value) => _world.Allreduce(value, MPI.Operation<int>.Min);

    /// <inheritdoc/>
    public double AllreduceSum(double value) => _world.Allreduce(value, MPI.Operation<double>.Add);

    /// <inheritdoc/>
    public void Barrier() => _world.Barrier();

    /// <inheritdoc/>
    public void Abort(int exitCode) => _world.Abort(exitCode);

    /// <summary>Ends MPI (MPI_Finalize): every rank must dispose its communicator.</summary>
    public void Dispose()
    {
        if (!MPI.Environment.Finalized) _environment.Dispose();
    }
}
