using System.Globalization;

namespace DynLang.Package.Tests.Infrastructure;

/// <summary>
/// A console app in a temp folder that uses DynLang models the way a user's project does. Its
/// Program.cs steps the Decay model (exact solver) and, found by reflection, a Growth model that a
/// test adds later without touching any C# file; it prints "key=value" lines.
/// </summary>
internal static class ConsumerProject
{
    public const string Namespace = "Consumer";

    /// <summary>dx/dt = -x/tau, x(0) = 1, tau = 2: x(t) = e^{-t/2}.</summary>
    public const string DecayModel = """
        // Exponential decay: x(t) = exp(-t/tau).
        system Decay {
          param tau = 2
          state x = 1
          dx/dt = -x / tau
          solver exact
        }
        """;

    /// <summary>dy/dt = r*y, y(0) = 1, r = 0.5: y(t) = e^{t/2}.</summary>
    public const string GrowthModel = """
        // Exponential growth: y(t) = exp(r*t).
        system Growth {
          param r = 0.5
          state y = 1
          dy/dt = r * y
          solver exact
        }
        """;

    /// <summary>A unit error on line 4, column 25: R (ohm) added to volts.</summary>
    public const string BrokenModel = """
        neuron Broken {
          param tau_m = 10 ms, v_rest = -65 mV, R = 10 Mohm
          state v = v_rest
          dv/dt = (v_rest - v + R)/tau_m
          solver euler
        }
        """;

    /// <summary>Steps both models from t = 0 to t = 1 (100 steps of 0.01) and prints their states.</summary>
    public const string Program = """
        using System.Globalization;
        using Consumer;

        var decay = new DecaySystem(1);
        for (int s = 0; s < 100; s++) decay.Step(0.01);
        Console.WriteLine("decay.t=" + decay.Time.ToString("R", CultureInfo.InvariantCulture));
        Console.WriteLine("decay.x=" + decay.x[0].ToString("R", CultureInfo.InvariantCulture));

        // Growth.dyn is added to the project later, with no C# edit: find its class by reflection, so
        // this program compiles before it exists and proves it was generated after.
        var growthType = typeof(DecaySystem).Assembly.GetType("Consumer.GrowthSystem");
        if (growthType is null)
        {
            Console.WriteLine("growth=absent");
            return;
        }
        object growth = Activator.CreateInstance(growthType, 1)!;
        var step = growthType.GetMethod("Step", [typeof(double)])!;
        for (int s = 0; s < 100; s++) step.Invoke(growth, [0.01]);
        var y = (StateSpan)Delegate.CreateDelegate(typeof(StateSpan), growth, growthType.GetProperty("y")!.GetMethod!);
        Console.WriteLine("growth.y=" + y()[0].ToString("R", CultureInfo.InvariantCulture));

        // A state property's getter (a Span cannot be boxed, so it is called through this delegate).
        delegate Span<double> StateSpan();
        """;

    /// <summary>The csproj: a net10.0 console app; <paramref name="dynLang"/> is how it gets DynLang.</summary>
    public static string Csproj(string dynLang) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <RootNamespace>{Namespace}</RootNamespace>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
            <!-- Generated code and the package must build clean. -->
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <!-- The audit fetches vulnerability data from nuget.org; offline it warns (NU1900), which would fail the build. -->
            <NuGetAudit>false</NuGetAudit>
          </PropertyGroup>
        {dynLang}
        </Project>
        """;

    /// <summary>The "key=value" lines of a run's output.</summary>
    public static IReadOnlyDictionary<string, string> ParseOutput(string output) =>
        output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && !parts[0].Contains(' '))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    public static double Number(IReadOnlyDictionary<string, string> values, string key, string output)
    {
        Assert.True(values.TryGetValue(key, out var text), $"the program printed no '{key}=':\n{output}");
        return double.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>The temp feed for DynLang, nuget.org (or the machine's cache) for anything else; DynLang may come only from the feed.</summary>
    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{feed}" />
            <add key="nuget" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local"><package pattern="DynLang" /></packageSource>
            <packageSource key="nuget"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>
        """;
}
