using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DynLang.Models.Tests.Infrastructure;

namespace DynLang.Models.Tests.Fields;

/// <summary>
/// Models/Fields/GrayScott.dyn against tests/reference/gray_scott_heat (numpy float64, explicit
/// Euler). The reference computes lap = (((u[i-1,j] + u[i+1,j]) + u[i,j-1]) + u[i,j+1]) - 4.0*u,
/// u' = u + dt*((Du*lap_u - (u*v)*v) + F*(1.0 - u)), v' = v + dt*((Dv*lap_v + (u*v)*v) - (F+k)*v).
/// The generated step computes the same operations in the same order (Du*(lap*(1/dx²)) with dx = 1
/// multiplies by exactly 1; row = y, column = x), with no fused multiply-add in either, so the
/// fields must be equal bit for bit: the sha256 of the float64 C-order bytes is compared.
/// </summary>
public sealed class GrayScottReferenceTests
{
    private static readonly JsonElement Common = ReferenceJson.Load("gray_scott_heat", "reference.json").At("gray_scott").At("common");

    /// <summary>The documented start: u = 1, v = 0, except rows and columns 118…137 (0-based) where u = 0.5, v = 0.25.</summary>
    private static GrayScottField Start()
    {
        var p = Common.At("params");
        int n = p.At("N").GetInt32();
        var field = new GrayScottField(n, n, new GrayScottParameters
        {
            Du = p.At("Du").GetDouble(), Dv = p.At("Dv").GetDouble(), F = p.At("F").GetDouble(), k = p.At("k").GetDouble(), dx = p.At("dx").GetDouble(),
        });
        for (int y = 118; y <= 137; y++)
        for (int x = 118; x <= 137; x++)
        {
            field.uAt(x, y) = 0.5;
            field.vAt(x, y) = 0.25;
        }
        return field;
    }

    [Fact]
    public void Initial_condition_is_the_documented_one()
    {
        var field = Start();
        var initial = Common.At("initial");
        Assert.Equal(initial.At("sha256_u").GetString(), Sha256(field.u));
        Assert.Equal(initial.At("sha256_v").GetString(), Sha256(field.v));
    }

    [Fact]
    public void Snapshots_and_final_fields_are_bit_identical_to_the_numpy_reference()
    {
        var field = Start();
        double dt = Common.At("params").At("dt").GetDouble();
        int steps = Common.At("params").At("steps").GetInt32();
        var snapshots = Common.At("snapshots_after_step");
        var failures = new StringBuilder();
        for (int step = 1; step <= steps; step++)
        {
            field.Step(dt);
            if (snapshots.TryGetProperty(step.ToString(), out var snapshot))
            {
                if (Sha256(field.u) != snapshot.At("sha256_u").GetString()) failures.AppendLine($"u differs after step {step}");
                if (Sha256(field.v) != snapshot.At("sha256_v").GetString()) failures.AppendLine($"v differs after step {step}");
            }
        }
        var final = Common.At("final");
        if (Sha256(field.u) != final.At("sha256_u_float64_C_order").GetString() || Sha256(field.v) != final.At("sha256_v_float64_C_order").GetString())
        {
            var u = NpyReader.ReadFloat64(RepoPaths.Reference("gray_scott_heat", "gs_common_u_final.npy")).Values;
            var v = NpyReader.ReadFloat64(RepoPaths.Reference("gray_scott_heat", "gs_common_v_final.npy")).Values;
            failures.AppendLine($"final fields differ: max |Δu| = {MaxDifference(field.u, u):G3}, max |Δv| = {MaxDifference(field.v, v):G3}; " +
                                $"mean u = {Mean(field.u):R} (reference {final.At("mean_u").GetDouble():R})");
        }
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.Equal(steps, field.StepIndex);
    }

    private static string Sha256(ReadOnlySpan<double> values) =>
        Convert.ToHexString(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values))).ToLowerInvariant();

    private static double MaxDifference(ReadOnlySpan<double> a, double[] b)
    {
        double max = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }

    private static double Mean(ReadOnlySpan<double> a)
    {
        double sum = 0;
        foreach (double x in a) sum += x;
        return sum / a.Length;
    }
}
