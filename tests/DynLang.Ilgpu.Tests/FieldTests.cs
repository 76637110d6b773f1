using static DynLang.Ilgpu.Tests.FieldCompare;

namespace DynLang.Ilgpu.Tests;

/// <summary>
/// Field models ({Model}FieldIlgpu) on the CPU accelerator against the CPU classes ({Model}Field):
/// bit for bit after hundreds of steps. The CPU class computes interior cells with Vector&lt;T&gt; and
/// edge cells through its boundary map; the kernel computes every cell through its own map with
/// scalar code: equal bits show the same IR, operation order and boundary values on every path.
/// Grids are small and not square (the CPU accelerator simulates threads; x ≠ y catches a swapped
/// stride), and larger than Vector&lt;double&gt;.Count plus the stencil, so the SIMD body runs.
/// </summary>
[Collection(CpuAcceleratorCollection.Name)]
public sealed class FieldTests(CpuAcceleratorFixture fixture)
{
    [Fact]
    public void Gray_Scott_matches_bit_for_bit()
    {
        const int nx = 40, ny = 33;
        var cpu = new GrayScottField(nx, ny);
        using var device = new GrayScottFieldIlgpu(fixture.Accelerator, nx, ny);
        // The documented start: u = 1, v = 0, with a perturbed square in the middle.
        for (int y = 12; y < 21; y++)
            for (int x = 15; x < 25; x++) { cpu.uAt(x, y) = 0.5 + 0.01 * (x - y); cpu.vAt(x, y) = 0.25 + 0.005 * x; }
        device.UploadU(cpu.u);
        device.UploadV(cpu.v);
        Run(400, () => cpu.Step(1.0), () => device.Step(1.0),
            ("u", () => cpu.u.ToArray(), device.DownloadU), ("v", () => cpu.v.ToArray(), device.DownloadV));
        Assert.Equal(400, device.StepIndex);
        Assert.Equal(cpu.Time, device.Time);
    }

    [Fact]
    public void Heat_1D_with_each_boundary_kind_matches_bit_for_bit()
    {
        const int n = 37;
        var a = new Heat1DField(n); using var da = new Heat1DFieldIlgpu(fixture.Accelerator, n);
        Start(a.u, da.UploadU, 1);
        Run(300, () => a.Step(1), () => da.Step(1), ("periodic u", () => a.u.ToArray(), da.DownloadU));
        var b = new HeatFlux1DField(n); using var db = new HeatFlux1DFieldIlgpu(fixture.Accelerator, n);
        Start(b.u, db.UploadU, 2);
        Run(300, () => b.Step(1), () => db.Step(1), ("div(D*grad) u", () => b.u.ToArray(), db.DownloadU));
        var c = new HeatNeumann1DField(n); using var dc = new HeatNeumann1DFieldIlgpu(fixture.Accelerator, n);
        Start(c.u, dc.UploadU, 3);
        Run(300, () => c.Step(1), () => dc.Step(1), ("neumann u", () => c.u.ToArray(), dc.DownloadU));
        var d = new HeatDirichlet1DField(n); using var dd = new HeatDirichlet1DFieldIlgpu(fixture.Accelerator, n);
        Start(d.u, dd.UploadU, 4);
        Run(300, () => d.Step(1), () => dd.Step(1), ("dirichlet u", () => d.u.ToArray(), dd.DownloadU));
    }

    [Fact]
    public void Heat_2D_with_euler_rk2_rk4_and_mixed_sides_matches_bit_for_bit()
    {
        const int nx = 21, ny = 14;
        var e = new Heat2DEulerField(nx, ny); using var de = new Heat2DEulerFieldIlgpu(fixture.Accelerator, nx, ny);
        Start(e.u, de.UploadU, 5);
        Run(200, () => e.Step(0.2), () => de.Step(0.2), ("euler u", () => e.u.ToArray(), de.DownloadU));
        var r2 = new Heat2DRk2Field(nx, ny); using var d2 = new Heat2DRk2FieldIlgpu(fixture.Accelerator, nx, ny);
        Start(r2.u, d2.UploadU, 6);
        Run(200, () => r2.Step(0.2), () => d2.Step(0.2), ("rk2 u", () => r2.u.ToArray(), d2.DownloadU));
        var r4 = new Heat2DRk4Field(nx, ny); using var d4 = new Heat2DRk4FieldIlgpu(fixture.Accelerator, nx, ny);
        Start(r4.u, d4.UploadU, 7);
        Run(200, () => r4.Step(0.3), () => d4.Step(0.3), ("rk4 u", () => r4.u.ToArray(), d4.DownloadU));
        var m = new Heat2DMixedField(nx, ny); using var dm = new Heat2DMixedFieldIlgpu(fixture.Accelerator, nx, ny);
        Start(m.u, dm.UploadU, 8);
        Run(200, () => m.Step(1), () => dm.Step(1), ("periodic x, neumann y u", () => m.u.ToArray(), dm.DownloadU));
    }

    [Fact]
    public void Heat_3D_and_a_3D_box_with_three_boundary_kinds_match_bit_for_bit()
    {
        const int nx = 11, ny = 7, nz = 6;
        var h = new Heat3DField(nx, ny, nz); using var dh = new Heat3DFieldIlgpu(fixture.Accelerator, nx, ny, nz);
        Start(h.u, dh.UploadU, 9);
        Run(150, () => h.Step(1), () => dh.Step(1), ("heat 3D u", () => h.u.ToArray(), dh.DownloadU));
        var b = new Box3DField(nx, ny, nz); using var db = new Box3DFieldIlgpu(fixture.Accelerator, nx, ny, nz);
        Start(b.u, db.UploadU, 10);
        Run(150, () => b.Step(0.5), () => db.Step(0.5), ("box 3D u", () => b.u.ToArray(), db.DownloadU));
    }

    [Fact]
    public void Dirichlet_by_parameter_and_number_on_a_plane_with_rk2_matches_bit_for_bit()
    {
        const int nx = 19, ny = 12;
        var p = new WallsPlaneParameters() with { u_left = 2.5 };
        var cpu = new WallsPlaneField(nx, ny, p); using var device = new WallsPlaneFieldIlgpu(fixture.Accelerator, nx, ny, p);
        Start(cpu.u, device.UploadU, 11);
        Run(250, () => cpu.Step(1), () => device.Step(1), ("u", () => cpu.u.ToArray(), device.DownloadU));
    }

    [Fact]
    public void A_coefficient_varying_over_the_grid_matches_bit_for_bit()
    {
        const int nx = 18, ny = 13;
        var cpu = new VaryingDiffusionField(nx, ny); using var device = new VaryingDiffusionFieldIlgpu(fixture.Accelerator, nx, ny);
        Start(cpu.u, device.UploadU, 12);
        var k = Pattern(nx * ny, 13, lo: 0.05);
        for (int i = 0; i < k.Length; i++) k[i] *= 0.2; // K ≤ 0.21: diffusion number ≤ 0.21 with dt = 1 (bound 0.25)
        k.CopyTo(cpu.K);
        device.UploadK(cpu.K);
        Run(200, () => cpu.Step(1), () => device.Step(1),
            ("u", () => cpu.u.ToArray(), device.DownloadU), ("K", () => cpu.K.ToArray(), device.DownloadK));
    }

    [Fact]
    public void Upwind_with_a_velocity_of_both_signs_matches_bit_for_bit()
    {
        const int n = 41;
        var cpu = new UpwindVaryingField(n); using var device = new UpwindVaryingFieldIlgpu(fixture.Accelerator, n);
        Start(cpu.u, device.UploadU, 14);
        for (int i = 0; i < n; i++) cpu.c[i] = 0.8 * Math.Sin(0.4 * i); // |c| ≤ 0.8: CFL ≤ 0.8 with dt = 1
        device.UploadC(cpu.c);
        Run(200, () => cpu.Step(1), () => device.Step(1), ("u", () => cpu.u.ToArray(), device.DownloadU));
        Bits.Equal(cpu.c, device.DownloadC(), "c");
    }

    [Fact]
    public void Advection_central_order_2_and_4_and_upwind_match_bit_for_bit()
    {
        const int n = 45, nx = 23, ny = 16;
        var c2 = new AdvectCentralField(n); using var d2 = new AdvectCentralFieldIlgpu(fixture.Accelerator, n);
        Start(c2.u, d2.UploadU, 15);
        Run(200, () => c2.Step(0.5), () => d2.Step(0.5), ("central u", () => c2.u.ToArray(), d2.DownloadU));
        var c4 = new AdvectCentral4Field(n); using var d4 = new AdvectCentral4FieldIlgpu(fixture.Accelerator, n);
        Start(c4.u, d4.UploadU, 16);
        Run(200, () => c4.Step(0.5), () => d4.Step(0.5), ("central order 4 u", () => c4.u.ToArray(), d4.DownloadU));
        var cp = new AdvectCentral2DField(nx, ny); using var dp = new AdvectCentral2DFieldIlgpu(fixture.Accelerator, nx, ny);
        Start(cp.u, dp.UploadU, 17);
        Run(150, () => cp.Step(0.5), () => dp.Step(0.5), ("central 2D u", () => cp.u.ToArray(), dp.DownloadU));
        var u1 = new AdvectUpwindField(n); using var du1 = new AdvectUpwindFieldIlgpu(fixture.Accelerator, n);
        Start(u1.u, du1.UploadU, 18);
        Run(200, () => u1.Step(0.7), () => du1.Step(0.7), ("upwind u", () => u1.u.ToArray(), du1.DownloadU));
        var u2 = new AdvectUpwind2DField(nx, ny); using var du2 = new AdvectUpwind2DFieldIlgpu(fixture.Accelerator, nx, ny);
        Start(u2.u, du2.UploadU, 19);
        Run(150, () => u2.Step(0.7), () => du2.Step(0.7), ("upwind 2D u", () => u2.u.ToArray(), du2.DownloadU));
        var w4 = new Advect4WallsField(nx, ny); using var dw4 = new Advect4WallsFieldIlgpu(fixture.Accelerator, nx, ny);
        Start(w4.u, dw4.UploadU, 20);
        Run(150, () => w4.Step(0.5), () => dw4.Step(0.5), ("order 4, neumann y u", () => w4.u.ToArray(), dw4.DownloadU));
    }

    [Fact]
    public void Order_4_laplacians_periodic_and_walls_match_bit_for_bit()
    {
        const int n = 29, nx = 17, ny = 12;
        var a = new HeatOrder4Field(n); using var da = new HeatOrder4FieldIlgpu(fixture.Accelerator, n);
        Start(a.u, da.UploadU, 21);
        Run(200, () => a.Step(0.4), () => da.Step(0.4), ("order 4 u", () => a.u.ToArray(), da.DownloadU));
        var p = new HeatOrder4PlaneField(nx, ny); using var dp = new HeatOrder4PlaneFieldIlgpu(fixture.Accelerator, nx, ny);
        Start(p.u, dp.UploadU, 22);
        Run(150, () => p.Step(0.2), () => dp.Step(0.2), ("order 4 plane u", () => p.u.ToArray(), dp.DownloadU));
        var w = new HeatOrder4WallsField(n); using var dw = new HeatOrder4WallsFieldIlgpu(fixture.Accelerator, n);
        Start(w.u, dw.UploadU, 23);
        Run(200, () => w.Step(1), () => dw.Step(1), ("order 4 walls u", () => w.u.ToArray(), dw.DownloadU));
    }

    [Fact]
    public void Float_fields_match_bit_for_bit()
    {
        const int n = 50, nx = 24, ny = 13;
        var a = new HeatFloat1DField(n); using var da = new HeatFloat1DFieldIlgpu(fixture.Accelerator, n);
        PatternFloat(n, 24).CopyTo(a.u);
        da.UploadU(a.u);
        var b = new HeatFloatWalls2DField(nx, ny); using var db = new HeatFloatWalls2DFieldIlgpu(fixture.Accelerator, nx, ny);
        PatternFloat(nx * ny, 25).CopyTo(b.u);
        db.UploadU(b.u);
        var a0 = a.u.ToArray();
        for (int s = 0; s < 300; s++) { a.Step(1); da.Step(1); b.Step(1); db.Step(1); }
        Bits.Equal(a.u, da.DownloadU(), "1D float u");
        Bits.Equal(b.u, db.DownloadU(), "2D float u");
        Assert.False(a.u.SequenceEqual(a0));
    }

    [Fact]
    public void Reset_restores_the_initial_values_and_the_time()
    {
        var cpu = new GrayScottField(8, 8);
        using var device = new GrayScottFieldIlgpu(fixture.Accelerator, 8, 8);
        device.UploadV(Pattern(64, 26));
        for (int s = 0; s < 5; s++) device.Step(1);
        device.Reset();
        Assert.Equal(0, device.StepIndex);
        Assert.Equal(0.0, device.Time);
        Bits.Equal(cpu.u, device.DownloadU(), "u");
        Bits.Equal(cpu.v, device.DownloadV(), "v");
    }

    private static void Start(Span<double> cpuState, Action<ReadOnlySpan<double>> upload, int seed)
    {
        Pattern(cpuState.Length, seed).CopyTo(cpuState);
        upload(cpuState);
    }
}
