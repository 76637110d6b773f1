using DynLang.Runtime;

namespace DynLang.Runtime.Tests.IO;

/// <summary>The reference data of the CUBA benchmark (written by numpy for Brian2) as users load it.</summary>
public sealed class NpyReferenceFileTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Initial_membrane_potentials_are_4000_doubles_between_reset_and_threshold()
    {
        string path = RepoPaths.Reference("cuba", "data", "init_v.npy");
        double[] v = Npy.ReadDoubles(path, expectedLength: 4000);
        Assert.Equal(4000, v.Length);
        // CUBA draws v uniformly in [Vr, Vt) = [-60 mV, -50 mV) (SI volts); bytes misread as
        // doubles would fall far outside.
        Assert.All(v, x => Assert.InRange(x, -0.060, -0.050));
        Assert.True(v.Distinct().Count() > 3990, "random initial values should almost all differ");

        // Written back, the file is byte for byte what numpy wrote (header layout and data).
        Npy.Write(_dir.File("v.npy"), v);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(_dir.File("v.npy")));
    }

    [Fact]
    public void Excitatory_presynaptic_indices_are_255849_int32_in_the_excitatory_range()
    {
        string path = RepoPaths.Reference("cuba", "data", "Ce_i.npy");
        int[] i = Npy.ReadInt32(path, expectedLength: 255_849);
        Assert.Equal(255_849, i.Length);
        Assert.All(i, x => Assert.InRange(x, 0, 3199)); // 3200 excitatory neurons
        Assert.Equal(0, i.Min());
        Assert.Equal(3199, i.Max());

        Npy.Write(_dir.File("i.npy"), i);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(_dir.File("i.npy")));
    }

    [Fact]
    public void Reference_spike_trains_have_22058_spikes_ordered_by_step_then_index()
    {
        var npz = Npz.Read(RepoPaths.Reference("cuba", "results", "spikes_fixed_numpy.npz"));
        Assert.Equal(new[] { "i", "step" }, npz.Keys.OrderBy(k => k, StringComparer.Ordinal));
        int[] i = npz["i"].ToInt32(expectedLength: 22_058);
        int[] step = npz["step"].ToInt32(expectedLength: 22_058);
        Assert.Equal(22_058, i.Length);
        Assert.Equal(22_058, step.Length);
        for (int k = 1; k < step.Length; k++)
        {
            Assert.True(step[k] >= step[k - 1], $"step decreases at spike {k}: {step[k - 1]} then {step[k]}");
            if (step[k] == step[k - 1]) Assert.True(i[k] > i[k - 1], $"indices not ascending within step {step[k]} at spike {k}");
        }
        Assert.All(i, x => Assert.InRange(x, 0, 3999));
        Assert.InRange(step[^1], 0, 9999); // 1 s at dt = 0.1 ms
    }

    [Fact]
    public void Expecting_the_wrong_length_or_type_of_a_reference_file_names_the_file_and_both_sides()
    {
        string path = RepoPaths.Reference("cuba", "data", "init_v.npy");
        var shape = Assert.Throws<InvalidDataException>(() => Npy.ReadDoubles(path, expectedLength: 3200));
        Assert.Contains(path, shape.Message);
        Assert.Contains("shape (4000,)", shape.Message);
        Assert.Contains("expected (3200,)", shape.Message);

        string ints = RepoPaths.Reference("cuba", "data", "Ce_i.npy");
        var type = Assert.Throws<InvalidDataException>(() => Npy.ReadDoubles(ints));
        Assert.Contains(ints, type.Message);
        Assert.Contains("'<i4' (int32)", type.Message);
        Assert.Contains("expected float64", type.Message);

        var back = Assert.Throws<InvalidDataException>(() => Npy.ReadInt32(path));
        Assert.Contains("'<f8' (float64)", back.Message);
        Assert.Contains("expected int32", back.Message);
    }
}
