namespace DynLang.Distributed.Monitors.Tests;

public class NamingTests
{
    [Theory]
    [InlineData("out/cuba-spikes.csv", 1, 4, "out/cuba-spikes.rank1of4.csv")]
    [InlineData("out/spikes", 1, 4, "out/spikes.rank1of4")]
    [InlineData("spikes.csv", 0, 1, "spikes.rank0of1.csv")]
    [InlineData("out.d/v", 2, 3, "out.d/v.rank2of3")]
    [InlineData("out/cuba.spikes.csv", 11, 12, "out/cuba.spikes.rank11of12.csv")]
    public void PathForKeepsTheExtensionLast(string path, int rank, int size, string expected)
    {
        Assert.Equal(expected.Replace('/', Path.DirectorySeparatorChar), RankFiles.PathFor(path.Replace('/', Path.DirectorySeparatorChar), rank, size));
    }

    [Fact]
    public void PrefixForAlwaysAppends()
    {
        Assert.Equal("out/cuba.spikes.rank1of2", RankFiles.PrefixFor("out/cuba.spikes", 1, 2));
        Assert.Equal("out/spikes.rank1of2", RankFiles.PrefixFor("out/spikes", 1, 2));
    }

    [Fact]
    public void PathForUsesTheCommunicatorsRank()
    {
        var paths = new string[3];
        InProcessCommunicator.Run(3, comm => paths[comm.Rank] = RankFiles.PathFor("x.csv", comm));
        Assert.Equal(new[] { "x.rank0of3.csv", "x.rank1of3.csv", "x.rank2of3.csv" }, paths);
    }

    [Fact]
    public void ManifestPathAppendsRanksJson() => Assert.Equal("out/x.csv.ranks.json", RankFiles.ManifestPathFor("out/x.csv"));

    [Theory]
    [InlineData(-1, 2)]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    public void PathForRefusesARankOutsideTheCount(int rank, int size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RankFiles.PathFor("x.csv", rank, size));
    }

    [Fact]
    public void PathForRefusesAPathWithoutFileName() => Assert.Throws<ArgumentException>(() => RankFiles.PathFor("out/", 0, 1));
}
