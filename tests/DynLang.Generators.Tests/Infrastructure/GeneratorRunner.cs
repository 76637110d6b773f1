using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="DynLangGenerator"/> through Roslyn's own generator driver, as the compiler does,
/// over in-memory .dyn files. Keeps the driver so that a second run can be checked for caching.
/// </summary>
internal sealed class GeneratorRunner
{
    /// <summary>The namespace the tests' generated types land in (MSBuild RootNamespace).</summary>
    public const string RootNamespace = "Generated.Models";

    /// <summary>Generated C# is parsed as the SDK would: the newest language version this Roslyn knows.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private GeneratorDriver _driver;

    public GeneratorRunner(IEnumerable<(string Path, string Text)> files, IReadOnlyDictionary<string, string>? properties = null)
    {
        AdditionalTexts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToImmutableArray();
        Compilation = CreateCompilation();
        _driver = CSharpGeneratorDriver.Create(
            new[] { new DynLangGenerator().AsSourceGenerator() },
            AdditionalTexts,
            ParseOptions,
            new GlobalOptionsProvider(properties ?? new Dictionary<string, string> { ["RootNamespace"] = RootNamespace, ["DynLangVerdicts"] = "none" }),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    public ImmutableArray<AdditionalText> AdditionalTexts { get; private set; }

    /// <summary>The compilation the generator runs on (no C# of its own unless a test adds some).</summary>
    public Compilation Compilation { get; private set; }

    /// <summary>Runs the generator (incrementally, after the first run) and returns what it produced.</summary>
    public GeneratorRun Run()
    {
        _driver = _driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out var driverDiagnostics);
        return new GeneratorRun(_driver.GetRunResult(), output, driverDiagnostics);
    }

    /// <summary>An unrelated C# edit: one more syntax tree in the compilation.</summary>
    public void AddCSharp(string source) =>
        Compilation = Compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, ParseOptions));

    /// <summary>One more assembly reference (the ILGPU and TorchSharp detection tests).</summary>
    public void AddReference(MetadataReference reference) =>
        Compilation = Compilation.AddReferences(reference);

    /// <summary>Replaces the text of one .dyn file.</summary>
    public void EditFile(string path, string newText)
    {
        var old = AdditionalTexts.Single(t => t.Path == path);
        var replacement = new InMemoryAdditionalText(path, newText);
        _driver = _driver.ReplaceAdditionalText(old, replacement);
        AdditionalTexts = AdditionalTexts.Replace(old, replacement);
    }

    /// <summary>Runs the generator once on the given files (a fresh driver).</summary>
    public static GeneratorRun RunOnce(params (string Path, string Text)[] files) => new GeneratorRunner(files).Run();

    private static Compilation CreateCompilation() =>
        CSharpCompilation.Create("DynLangGeneratorTests",
            syntaxTrees: [],
            references: References.All,
            options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                // Every warning wave: a consuming project on .NET 10 compiles with /warn:10.
                warningLevel: 9999,
                // The SDK passes /nowarn:1701,1702 (assembly version unification between the net8.0
                // runtime and the net10.0 framework); everything else must be clean.
                specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));
}

/// <summary>One run of the generator: its result, the compilation with the generated code, driver diagnostics.</summary>
internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>The single generator's result.</summary>
    public GeneratorRunResult Generator => Result.Results.Single();

    /// <summary>Diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Generator.Diagnostics;

    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Generator.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Errors and warnings of compiling the generated code with the runtime.</summary>
    public IReadOnlyList<Diagnostic> CompileProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}
