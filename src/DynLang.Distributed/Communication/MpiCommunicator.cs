using System;
using System.Globalization;

namespace DynLang.Distributed;

/// <summary>
/// The ranks of <c>mpiexec</c>: MPI_COMM_WORLD through MPI.NET over MPICH. Create one per process
/// with <see cref="Start"/>, before anything else touches MPI; disposing it ends MPI (MPI_Finalize).
/// </summary>
/// <remarks>
/// Only flat primitive collectives are used. MPI.NET's collectives on arrays of arrays go through
/// BinaryFormatter, which .NET 10 removed; and its AllgatherFlattened allocates a result array per
/// call, so the spike exchange calls MPI_Allgather/MPI_Allgatherv through MPI.NET's own P/Invoke
/// declarations (<c>MPI.Unsafe</c>) on pinned buffers that are kept between calls: an exchange
/// allocates only when a buffer must grow.
/// </remarks>
public sealed class MpiCommunicator : ICommunicator
{
    private static MpiCommunicator? _current;
    private readonly MPI.Environment _environment;
    private readonly MPI.Intracommunicator _world;
    private readonly int[] _displacements;

    private MpiCommunicator(MPI.Environment environment)
    {
        _environment = environment;
        _world = MPI.Communicator.world;
        Rank = _world.Rank;
        Size = _world.Size;
        _displacements = new int[Size];
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
        var communicator = _current = new MpiCommunicator(environment);
        // A rank that ends without finalizing MPI makes mpiexec kill the others, and mpiexec's report
        // may name another process: say here which rank it was, and why, while it still can.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            Console.Error.WriteLine($"rank {communicator.Rank} of {communicator.Size} (pid {Environment.ProcessId}): unhandled {e.ExceptionObject}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!MPI.Environment.Finalized)
                Console.Error.WriteLine($"rank {communicator.Rank} of {communicator.Size} (pid {Environment.ProcessId}): the process ends (exit code {Environment.ExitCode}) before MPI was finalized; mpiexec ends the other ranks.");
        };
        return communicator;
    }

    /// <inheritdoc/>
    public int Rank { get; }

    /// <inheritdoc/>
    public int Size { get; }

    /// <inheritdoc/>
    public string Description => string.Create(CultureInfo.InvariantCulture, $"MPI ({MpiLibrary.Loaded}), {Size} rank{(Size == 1 ? "" : "s")}");

    /// <inheritdoc/>
    public int[] AllgatherInt(int value)
    {
        var result = new int[Size];
        AllgatherInt(value, result);
        return result;
    }

    /// <inheritdoc/>
    public unsafe void AllgatherInt(int value, int[] received)
    {
        if (received.Length < Size) throw new ArgumentException($"AllgatherInt: the receive buffer holds {received.Length} values for {Size} ranks.", nameof(received));
        fixed (int* output = received)
            Check(MPI.Unsafe.MPI_Allgather((IntPtr)(&value), 1, MPI.Unsafe.MPI_INT, (IntPtr)output, 1, MPI.Unsafe.MPI_INT, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Allgather");
    }

    /// <inheritdoc/>
    public long[] AllgatherLong(long value) => _world.Allgather(value);

    /// <inheritdoc/>
    public unsafe void AllgatherV(ReadOnlySpan<int> values, int[] counts, int[] received)
    {
        Collectives.CheckGather(Rank, values.Length, counts, received.Length);
        Displace(counts);
        fixed (int* input = values)
        fixed (int* output = received)
            Check(MPI.Unsafe.MPI_Allgatherv((IntPtr)input, values.Length, MPI.Unsafe.MPI_INT, (IntPtr)output, counts, _displacements, MPI.Unsafe.MPI_INT, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Allgatherv");
    }

    /// <inheritdoc/>
    public unsafe void AllgatherV(ReadOnlySpan<byte> values, int[] counts, byte[] received)
    {
        Collectives.CheckGather(Rank, values.Length, counts, received.Length);
        Displace(counts);
        fixed (byte* input = values)
        fixed (byte* output = received)
            Check(MPI.Unsafe.MPI_Allgatherv((IntPtr)input, values.Length, MPI.Unsafe.MPI_BYTE, (IntPtr)output, counts, _displacements, MPI.Unsafe.MPI_BYTE, MPI.Unsafe.MPI_COMM_WORLD), "MPI_Allgatherv");
    }

    /// <summary>Rank r's values start where rank r − 1's end.</summary>
    private void Displace(int[] counts)
    {
        int at = 0;
        for (int r = 0; r < Size; r++)
        {
            _displacements[r] = at;
            at += counts[r];
        }
    }

    private static void Check(int code, string call)
    {
        if (code != MPI.Unsafe.MPI_SUCCESS)
            throw new InvalidOperationException($"{call} failed: {MPI.Environment.TranslateErrorIntoException(code).Message}");
    }

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
