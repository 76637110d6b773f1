using System.Text;
using System.Text.RegularExpressions;

namespace DynLang.Cli;

/// <summary>
/// <c>dynlang new NAME</c>: a console project that builds and runs on first try — a LIF model in
/// <c>Models/Lif.dyn</c>, the DynLang package reference, a run loop in <c>Program.cs</c>, and, with
/// <c>--feed DIR</c>, a <c>nuget.config</c> that adds the local feed DynLang was packed into
/// (DynLang is not on nuget.org: README "Use it in your own project").
/// </summary>
internal static class NewProject
{
    /// <summary>The LIF model of README's first example: linear, so the exact solver; 2 nA drive it above threshold.</summary>
    internal const string LifModel = """
        // A leaky integrate-and-fire neuron (README's first example). Edit it and build: the generator
        // checks units and claims and regenerates LifPopulation; `dynlang check Models` shows the same.
        neuron Lif {
          param tau_m = 10 ms
          param v_rest = -65 mV, v_th = -50 mV, v_reset = -65 mV
          param R = 10 Mohm
          param t_ref = 2 ms
          input I : nA                 // written by host code each step
          state v = v_rest

          dv/dt = (v_rest - v + R*I) / tau_m

          on v > v_th {                // threshold crossing
            v = v_reset
            emit spike
            refractory t_ref
          }
        }

        """;

    /// <summary>Writes the project; <paramref name="output"/>, <paramref name="feed"/> and <paramref name="packageVersion"/> are the options as given (null when absent).</summary>
    public static int Run(string name, string? output, string? feed, string? packageVersion, TextWriter stdout)
    {
        if (!Regex.IsMatch(name, @"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$"))
            throw new UsageException($"'{name}' is not a project name that is also a C# namespace (letters, digits, '_' and '.', not starting with a digit)");
        string folder = Path.GetFullPath(output ?? name);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            throw new UsageException($"'{folder}' exists and is not empty; choose another NAME or -o DIR");
        string version = packageVersion ?? typeof(Cli).Assembly.GetName().Version?.ToString(3) ?? "0.1.0";
        if (feed is not null)
        {
            feed = Path.GetFullPath(feed);
            if (!Directory.Exists(feed)) throw new UsageException($"no feed folder '{feed}' (pack DynLang into it first: dotnet pack generators/DynLang.Generators -c Release -o {feed})");
        }

        Directory.CreateDirectory(Path.Combine(folder, "Models"));
        Write(folder, $"{name}.csproj", Csproj(version));
        Write(folder, "Program.cs", Program(name));
        Write(folder, Path.Combine("Models", "Lif.dyn"), LifModel);
        if (feed is not null) Write(folder, "nuget.config", NuGetConfig(feed));
        stdout.WriteLine($"created {folder}: {name}.csproj (DynLang {version}), Program.cs, Models/Lif.dyn{(feed is null ? "" : ", nuget.config (feed " + feed + ")")}");
        stdout.WriteLine($"next: cd {folder} && dotnet run");
        if (feed is null) stdout.WriteLine("DynLang is not on nuget.org: add the feed you packed it into (--feed DIR, or dotnet nuget add source DIR)");
        return Cli.Success;
    }

    private static void Write(string folder, string relative, string text) =>
        File.WriteAllText(Path.Combine(folder, relative), text.Replace("\r\n", "\n"), new UTF8Encoding(false));

    private static string Csproj(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <!-- Made by `dynlang new`. Every *.dyn file of the project is compiled on each build (docs/generated-api.md). -->
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="DynLang" Version="{version}" />
          </ItemGroup>
        </Project>

        """;

    private static string Program(string name) => $$"""
        // Made by `dynlang new`: 100,000 LIF neurons (Models/Lif.dyn) driven by 2 nA for 1 s.
        using {{name}};                                   // generated types live in the project's root namespace

        var population = new LifPopulation(100_000);     // generated from Models/Lif.dyn
        population.I.Fill(2e-9);                         // 2 nA, SI units
        long spikes = 0;
        for (int step = 0; step < 10_000; step++)        // 1 s at dt = 0.1 ms
        {
            population.Step(1e-4);                       // exact solver: the equation is linear
            spikes += population.SpikeCount;             // spikes of this step
        }
        Console.WriteLine($"{spikes} spikes, {spikes / 100_000.0:F1} Hz per neuron");

        """;

    private static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <!-- Made by `dynlang new`: DynLang comes from the local feed it was packed into; everything else from nuget.org. -->
        <configuration>
          <packageSources>
            <add key="dynlang-local" value="{System.Security.SecurityElement.Escape(feed)}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>

        """;
}
