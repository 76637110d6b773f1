using DynLang.Runtime;

namespace DynLang.Runtime.Tests;

/// <summary>One network, one backend: objects of two backends are refused when added, naming both.</summary>
public sealed class BackendTests
{
    private sealed class OtherBackend : Backend
    {
        public override string Name => "Other (test)";
    }

    private sealed class Placed(string name, Backend backend) : INetworkObject, IBackendObject
    {
        public string Name => name;
        public Backend Backend => backend;
        public void Prepare(double dt) { }
        public void Run(NetworkPhase phase, NetworkClock clock) { }
    }

    private sealed class Neutral : INetworkObject
    {
        public string Name => "monitor-like";
        public void Prepare(double dt) { }
        public void Run(NetworkPhase phase, NetworkClock clock) { }
    }

    [Fact]
    public void Objects_of_two_backends_are_refused_with_both_named()
    {
        var other = new OtherBackend();
        var network = new Network(1e-3).Add(new Neutral(), new Placed("a", other));
        var error = Assert.Throws<ArgumentException>(() => network.Add(new Placed("b", Backend.Cpu)));
        Assert.Contains("'a' runs on backend Other (test)", error.Message);
        Assert.Contains("'b' runs on backend CPU", error.Message);
        Assert.Equal(other, network.Backend);
        Assert.Equal(2, network.Objects.Count);
    }

    [Fact]
    public void Cpu_sources_and_objects_without_a_backend_go_together()
    {
        var poisson = Backend.Cpu.PoissonSource("p", 3, 10.0, seed: 1);
        Assert.IsType<PoissonSource>(poisson);
        var network = new Network(1e-3).Add((INetworkObject)poisson, new Neutral(), new Placed("c", Backend.Cpu));
        Assert.Equal(Backend.Cpu, network.Backend);
        Assert.IsType<SpikeGeneratorSource>(Backend.Cpu.SpikeGenerator("g", 2, new[] { 0 }, new[] { 0.0 }));
        Assert.Equal(Backend.Cpu, new Network(1e-3).Backend);
    }
}
