using BenchmarkDotNet.Attributes;
using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Text;

namespace DynLang.Benchmarks;

/// <summary>
/// What the source generator spends on one model: the whole compiler pipeline (parse, bind, unit
/// check, symbolic checks, lowering, C# emission), as DynLang.Core runs inside the generator, for
/// each model of the samples (cut out of its file with the file's functions and namespace).
/// Target from the symbolic-checks issue: under 50 ms per model, so the IDE stays responsive.
/// </summary>
[MemoryDiagnoser]
public class CompilerCostBenchmarks
{
    private static readonly string[] SampleFiles =
    {
        "samples/LifPopulation/Lif.dyn",
        "samples/OjaPca/Oja.dyn",
        "samples/LotkaVolterra/LotkaVolterra.dyn",
        "samples/LearningRuleChecks/Plasticity.dyn",
        "samples/LearningRuleChecks/Networks.dyn",
        "samples/LearningRuleChecks/Heat.dyn",
    };

    private static readonly Dictionary<string, string> Models = LoadModels();

    /// <summary>Model names (file/model), the benchmark's parameter.</summary>
    public static IEnumerable<string> ModelNames => Models.Keys;

    [ParamsSource(nameof(ModelNames))]
    public string Model { get; set; } = "";

    [Benchmark(Description = "Compile one model (all stages)")]
    public int Compile() => DynCompiler.Compile("model.dyn", Models[Model]).Files.Count;

    private static Dictionary<string, string> LoadModels()
    {
        var models = new Dictionary<string, string>(StringComparer.Ordinal);
        string root = RepoRoot();
        foreach (var relative in SampleFiles)
        {
            string text = File.ReadAllText(Path.Combine(root, relative));
            var source = new SourceText(relative, text);
            var tree = DynLang.Core.Syntax.SyntaxTree.Parse(source, new DiagnosticBag(source));
            string header = (tree.Root.Namespace is null ? "" : $"namespace {tree.Root.Namespace}\n")
                            + string.Concat(tree.Root.Functions.Select(f => source.Slice(f.Span) + "\n"));
            foreach (var model in tree.Root.Models)
                models[$"{Path.GetFileNameWithoutExtension(relative)}/{model.Name.Name}"] = header + source.Slice(model.Span) + "\n";
        }
        return models;
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DynLang.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("DynLang.sln not found");
    }
}
