using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DynLang.Runtime;

namespace DynLang.Distributed;

/// <summary>What each rank's PopulationRateMonitor divided its spike count by.</summary>
public enum RateDenominator
{
    /// <summary>The rank's own elements, <c>Partition.LocalCount(rank)</c> (a rate monitor of the rank's local population).</summary>
    LocalCount,

    /// <summary>The whole population, <c>Partition.Count</c> (a rate monitor whose source reports the global population's size).</summary>
    GlobalCount,
}

/// <summary>The population rate of a whole set of rate-monitor rank files.</summary>
/// <param name="Times">Start time of each step (s).</param>
/// <param name="SpikeCounts">Spikes of the whole population in each step.</param>
/// <param name="Rates">Rate of each step (Hz): exactly a single-process PopulationRateMonitor's <c>1.0 * count / dt / N</c>.</param>
public sealed record RateRecords(double[] Times, int[] SpikeCounts, double[] Rates);

public static partial class RankFiles
{
    /// <summary>
    /// The population rate of the PopulationRateMonitor set <paramref name="path"/>: the global rate
    /// is Σ_r rate_r · n_r / N (n_r the elements rank r's monitor divided by). Each rank's spike count
    /// is recovered exactly (rate_r · dt · n_r, checked to give back rate_r bit for bit), summed,
    /// and divided as a single-process monitor does, so the rates are the same bits.
    /// </summary>
    /// <exception cref="RankFilesException">The set is not whole or not rate files; the ranks' steps differ; a rate is not a whole number of spikes over <paramref name="denominator"/> at <paramref name="dt"/> (another dt, or the other denominator).</exception>
    public static RateRecords ReadRates(string path, Partition partition, double dt, RateDenominator denominator = RateDenominator.LocalCount)
    {
        ArgumentNullException.ThrowIfNull(partition);
        if (!(dt > 0) || double.IsInfinity(dt)) throw new ArgumentOutOfRangeException(nameof(dt), dt, "The time step must be positive and finite.");
        RankFileManifest manifest = Open(path);
        if (manifest.Kind != RankFileKind.RatesCsv)
            throw new RankFilesException($"{manifest.ManifestPath}: the set holds {RankFileManifest.KindName(manifest.Kind)}, not population rates.");
        if (partition.Ranks != manifest.Ranks)
            throw new RankFilesException($"{manifest.ManifestPath}: {manifest.Ranks} ranks wrote the set, the partition has {partition.Ranks}.");
        var times = new List<double[]>();
        int[]? counts = null;
        for (int r = 0; r < manifest.Ranks; r++)
        {
            string file = manifest.PathOf(manifest.Files.Single(f => f.Rank == r));
            int elements = denominator == RateDenominator.LocalCount ? partition.LocalCount(r) : partition.Count;
            var t = new List<double>();
            var c = new List<int>();
            using (StreamReader reader = CsvFiles.OpenReader(file))
            {
                string? header = reader.ReadLine();
                if (header != "time_s,rate_hz") throw new RankFilesException($"{file}: header '{header}', expected 'time_s,rate_hz' (a PopulationRateMonitor CSV).");
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    long lineNumber = t.Count + 2;
                    int comma = line.IndexOf(',');
                    if (comma < 0) throw new RankFilesException(string.Create(CultureInfo.InvariantCulture, $"{file}, line {lineNumber}: '{line}' is not 'time_s,rate_hz'."));
                    double time = CsvFiles.ParseDouble(line.AsSpan(0, comma), file, lineNumber);
                    double rate = CsvFiles.ParseDouble(line.AsSpan(comma + 1), file, lineNumber);
                    double spikes = Math.Round(rate * dt * elements);
                    if (!(spikes >= 0 && spikes <= elements) || 1.0 * (int)spikes / dt / elements != rate)
                        throw new RankFilesException(string.Create(CultureInfo.InvariantCulture,
                            $"{file}, line {lineNumber}: rate {rate:R} Hz is not a whole number of spikes of {elements} elements at dt = {dt:R} s: was the time step {dt:R} s, and did rank {r}'s monitor divide by its {(denominator == RateDenominator.LocalCount ? "local" : "global")} element count?"));
                    t.Add(time);
                    c.Add((int)spikes);
                }
            }
            times.Add(t.ToArray());
            if (counts is null) counts = c.ToArray();
            else if (c.Count == counts.Length) for (int k = 0; k < counts.Length; k++) counts[k] += c[k];
        }
        CheckSameTimes(manifest, times);
        var rates = new double[counts!.Length];
        for (int k = 0; k < rates.Length; k++) rates[k] = 1.0 * counts[k] / dt / partition.Count; // PopulationRateMonitor's expression
        return new RateRecords(times[0], counts, rates);
    }

    /// <summary>
    /// Writes the population rate of the set <paramref name="path"/> (<see cref="ReadRates"/>) to the
    /// CSV <paramref name="outputPath"/> (<c>time_s,rate_hz</c>), as a single-process
    /// PopulationRateMonitor writes it. Returns the number of steps.
    /// </summary>
    public static long MergeRates(string path, Partition partition, double dt, string outputPath, RateDenominator denominator = RateDenominator.LocalCount)
    {
        CheckPath(outputPath);
        RateRecords rates = ReadRates(path, partition, dt, denominator);
        string temp = outputPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var csv = new CsvWriter(temp, "time_s", "rate_hz"))
            {
                for (int k = 0; k < rates.Times.Length; k++)
                {
                    csv.Write(rates.Times[k]);
                    csv.Write(rates.Rates[k]);
                    csv.EndRow();
                }
            }
            File.Move(temp, outputPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        return rates.Times.Length;
    }
}
