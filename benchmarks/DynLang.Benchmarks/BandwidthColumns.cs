using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DynLang.Benchmarks;

/// <summary>
/// Summary columns derived from each case's fastest iteration, its <c>N</c> parameter and the
/// <see cref="BytesPerElementAttribute"/> on its method: ns per element, GB/s under both byte
/// counts, and the share of the pooled triad's bandwidth (write-allocate counted on both sides)
/// at the same N in the same run.
/// </summary>
/// <remarks>
/// The fastest iteration (BenchmarkDotNet's Min; each iteration is itself an average over many
/// steps), as STREAM reports its best of repeats: other processes on a shared 2-core machine only
/// ever slow an iteration down, so the minimum is the statistic least disturbed by them and the
/// one comparable with stream_c.c. Mean and median stay in the table beside it.
/// </remarks>
public static class BandwidthColumns
{
    /// <summary>The method whose bandwidth is the 100% of the last column.</summary>
    public const string ReferenceMethod = nameof(LifStepBenchmarks.TriadParallel);

    public static IColumn[] All { get; } =
    [
        new DerivedColumn("B/elem", "Bytes moved per element as counted (reads + writes, STREAM convention)",
            (s, c) => Bytes(c)?.ExplicitBytes, "F0"),
        new DerivedColumn("ns/elem", "Time per element of the fastest iteration (Min / N)", NsPerElement, "F3"),
        new DerivedColumn("GB/s", "B/elem / ns/elem (STREAM convention: write-allocate not counted)",
            (s, c) => GigabytesPerSecond(s, c, withWriteAllocate: false), "F1"),
        new DerivedColumn("GB/s+WA", "Bandwidth counting the line fill of write-only arrays (real traffic)",
            (s, c) => GigabytesPerSecond(s, c, withWriteAllocate: true), "F1"),
        new DerivedColumn("%Triad", "GB/s+WA as a percentage of the pooled triad's GB/s+WA at the same N", PercentOfTriad, "F0"),
    ];

    private static BytesPerElementAttribute? Bytes(BenchmarkCase c) =>
        c.Descriptor.WorkloadMethod.GetCustomAttribute<BytesPerElementAttribute>();

    // Elements per operation: N neurons (LIF), or Size² cells of a square grid (Gray–Scott).
    private static int ElementCount(BenchmarkCase c) => c.Parameters.Items.Any(p => p.Name == "Size")
        ? Convert.ToInt32(c.Parameters["Size"], CultureInfo.InvariantCulture) * Convert.ToInt32(c.Parameters["Size"], CultureInfo.InvariantCulture)
        : Convert.ToInt32(c.Parameters["N"], CultureInfo.InvariantCulture);

    private static double? NsPerElement(Summary summary, BenchmarkCase c)
    {
        double? minNs = summary[c]?.ResultStatistics?.Min;
        return minNs / ElementCount(c);
    }

    private static double? GigabytesPerSecond(Summary summary, BenchmarkCase c, bool withWriteAllocate)
    {
        var bytes = Bytes(c);
        double? ns = NsPerElement(summary, c);
        if (bytes is null || ns is null) return null;
        // bytes per ns = GB/s (1e9 bytes per 1e9 ns).
        return (withWriteAllocate ? bytes.WithWriteAllocate : bytes.ExplicitBytes) / ns.Value;
    }

    private static double? PercentOfTriad(Summary summary, BenchmarkCase c)
    {
        var triad = summary.BenchmarksCases.FirstOrDefault(other =>
            other.Descriptor.WorkloadMethod.Name == ReferenceMethod
            && ElementCount(other) == ElementCount(c)
            && other.Job.Id == c.Job.Id);
        if (triad is null) return null;
        double? mine = GigabytesPerSecond(summary, c, withWriteAllocate: true);
        double? ceiling = GigabytesPerSecond(summary, triad, withWriteAllocate: true);
        return mine / ceiling * 100;
    }

    /// <summary>A numeric column computed from the summary; blank where no result exists.</summary>
    private sealed class DerivedColumn(string name, string legend, Func<Summary, BenchmarkCase, double?> value, string format) : IColumn
    {
        public string Id => nameof(BandwidthColumns) + "." + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            value(summary, benchmarkCase) is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
