using DynLang.Distributed;

namespace DynLang.Distributed.Tests.Communication;

/// <summary>A machine without MPICH gets one message that says what to install, not a P/Invoke failure deep in MPI.NET.</summary>
public class MpiLibraryTests
{
    [Fact]
    public void A_missing_MPI_library_is_one_message_naming_what_was_tried_and_what_to_install()
    {
        var error = Assert.Throws<DllNotFoundException>(() => MpiLibrary.Find(new[] { "libdynlang-no-such-mpi.so.12" }));
        Assert.Equal(
            "No MPI library found (tried libdynlang-no-such-mpi.so.12): install MPICH: 'sudo apt-get install mpich libmpich-dev' (Debian/Ubuntu; scripts/install-mpich.sh does it), " +
            "or put MPICH's libmpich.so.12 on LD_LIBRARY_PATH; Open MPI's libmpi does not fit MPI.NET's ABI.",
            error.Message);
    }

    [Fact]
    public void Partitions_are_contiguous_blocks_covering_every_element_once_with_sizes_differing_by_at_most_one()
    {
        foreach (var (count, ranks) in new[] { (4000, 1), (4000, 3), (10, 4), (7, 7), (1_000_001, 64) })
        {
            var partition = new Partition(count, ranks);
            int expected = 0;
            for (int r = 0; r < ranks; r++)
            {
                Assert.Equal(expected, partition.Start(r));
                Assert.InRange(partition.LocalCount(r), count / ranks, count / ranks + 1);
                Assert.Equal(r, partition.RankOf(partition.Start(r)));
                Assert.Equal(r, partition.RankOf(partition.End(r) - 1));
                expected = partition.End(r);
            }
            Assert.Equal(count, expected);
        }
    }
}
