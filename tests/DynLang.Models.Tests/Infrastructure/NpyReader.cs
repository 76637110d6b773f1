using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace DynLang.Models.Tests.Infrastructure;

/// <summary>A float64 array read from a .npy file: its shape and its values in C (row-major) order.</summary>
internal sealed record NpyArray(int[] Shape, double[] Values);

/// <summary>
/// Reads the .npy files of tests/reference (NumPy format 1.0/2.0/3.0): the header is parsed and
/// only little-endian float64 in C order is accepted; anything else fails with a message that
/// says what the file holds instead, rather than reading bytes as the wrong type.
/// </summary>
internal static partial class NpyReader
{
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    public static NpyArray ReadFloat64(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException($"{path}: not a .npy file (magic string missing).");
        int major = bytes[6];
        int headerLength, headerStart;
        switch (major)
        {
            case 1:
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
                headerStart = 10;
                break;
            case 2 or 3:
                headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
                headerStart = 12;
                break;
            default:
                throw new InvalidDataException($"{path}: unsupported .npy format version {major}.");
        }
        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        string descr = Field(DescrPattern(), header, "descr", path);
        if (descr != "<f8")
            throw new InvalidDataException($"{path}: dtype is '{descr}', expected '<f8' (little-endian float64).");
        if (Field(FortranPattern(), header, "fortran_order", path) != "False")
            throw new InvalidDataException($"{path}: Fortran-ordered arrays are not supported (expected C order).");
        int[] shape = Field(ShapePattern(), header, "shape", path)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        int dataStart = headerStart + headerLength;
        if (bytes.Length - dataStart != count * sizeof(double))
            throw new InvalidDataException(
                $"{path}: shape ({string.Join(", ", shape)}) needs {count * sizeof(double)} bytes of data, the file has {bytes.Length - dataStart}.");
        var values = new double[count];
        for (long k = 0; k < count; k++)
            values[k] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(dataStart + (int)(k * sizeof(double))));
        return new NpyArray(shape, values);
    }

    private static string Field(Regex pattern, string header, string name, string path)
    {
        var match = pattern.Match(header);
        if (!match.Success) throw new InvalidDataException($"{path}: header has no '{name}': {header.Trim()}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
