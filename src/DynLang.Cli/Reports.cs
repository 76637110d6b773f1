using System.Text;
using System.Text.Json;
using DynLang.Core.Diagnostics;
using DynLang.Core.Reporting;

namespace DynLang.Cli;

/// <summary>The outputs of <c>dynlang check</c>: text (as the build prints), JSON and SARIF 2.1.0.</summary>
internal static class Reports
{
    /// <summary>
    /// "path(line,col): error DL0201: message (help link)", the MSBuild canonical format exactly as the build
    /// prints it (Roslyn appends the descriptor's help link in parentheses).
    /// </summary>
    public static string Format(Diagnostic d)
    {
        string where = d.Location.Path.Length == 0 ? "dynlang" : $"{d.Location.Path}({d.Location.Start.Line + 1},{d.Location.Start.Character + 1})";
        return $"{where}: {Word(d.Severity)} {d.Id}: {d.Message} ({HelpUri(d.Id)})";
    }

    public static string Word(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    private static IReadOnlyList<ModelVerdicts> Summaries(IEnumerable<CheckedFile> files, bool detailed) =>
        VerdictSummary.Summarize(files.Select(f => new VerdictFile(f.Path, f.Models, f.Diagnostics)), detailed);

    private static IEnumerable<Diagnostic> Visible(CheckedFile file) => file.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden);

    public static void WriteText(IReadOnlyList<CheckedFile> files, TextWriter output, bool infos, bool detailed)
    {
        foreach (var file in files)
            foreach (var d in Visible(file).Where(d => infos || d.Severity >= DiagnosticSeverity.Warning))
                output.WriteLine(Format(d));
        foreach (var model in Summaries(files, detailed))
        {
            output.WriteLine(model.Line);
            foreach (var line in model.Details) output.WriteLine(line);
        }
        var all = files.SelectMany(Visible).ToList();
        output.WriteLine($"{Plural(files.Count, "file")}, {Plural(files.Sum(f => f.Models.Count), "model")}: " +
            $"{Plural(all.Count(d => d.IsError), "error")}, {Plural(all.Count(d => d.Severity == DiagnosticSeverity.Warning), "warning")}, " +
            $"{Plural(all.Count(d => d.Severity == DiagnosticSeverity.Info), "info")}.");
    }

    public static void WriteJson(IReadOnlyList<CheckedFile> files, TextWriter output)
    {
        var summaries = Summaries(files, detailed: false);
        Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("tool", "dynlang");
            json.WriteStartArray("files");
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteStartArray("diagnostics");
                foreach (var d in Visible(file))
                {
                    json.WriteStartObject();
                    json.WriteString("id", d.Id);
                    json.WriteString("severity", Word(d.Severity));
                    json.WriteString("message", d.Message);
                    json.WriteString("path", d.Location.Path);
                    json.WriteNumber("line", d.Location.Start.Line + 1);
                    json.WriteNumber("column", d.Location.Start.Character + 1);
                    json.WriteNumber("endLine", d.Location.End.Line + 1);
                    json.WriteNumber("endColumn", d.Location.End.Character + 1);
                    json.WriteString("helpUri", HelpUri(d.Id));
                    json.WriteString("text", Format(d));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartArray("models");
                foreach (var model in file.Models)
                {
                    json.WriteStartObject();
                    json.WriteString("name", model.Name);
                    json.WriteNumber("line", model.Location.Start.Line + 1);
                    json.WriteBoolean("generated", model.Generated);
                    var summary = summaries.FirstOrDefault(s => s.Path == file.Path && s.Model == model.Name);
                    if (summary is null) json.WriteNull("summary"); else json.WriteString("summary", summary.Line);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            var all = files.SelectMany(Visible).ToList();
            json.WriteNumber("errors", all.Count(d => d.IsError));
            json.WriteNumber("warnings", all.Count(d => d.Severity == DiagnosticSeverity.Warning));
            json.WriteNumber("infos", all.Count(d => d.Severity == DiagnosticSeverity.Info));
            json.WriteEndObject();
        });
    }

    public static void WriteSarif(IReadOnlyList<CheckedFile> files, TextWriter output)
    {
        var results = files.SelectMany(Visible).ToList();
        var ruleIds = results.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
        Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "dynlang");
            json.WriteString("informationUri", "https://github.com/dynlang/dynlang/blob/main/docs/cli.md");
            json.WriteString("semanticVersion", typeof(Reports).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
            json.WriteStartArray("rules");
            foreach (var id in ruleIds)
            {
                var descriptor = DiagnosticDescriptors.All.FirstOrDefault(d => d.Id == id);
                json.WriteStartObject();
                json.WriteString("id", id);
                if (descriptor is not null)
                {
                    json.WriteStartObject("shortDescription");
                    json.WriteString("text", descriptor.Title);
                    json.WriteEndObject();
                }
                json.WriteString("helpUri", HelpUri(id));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("results");
            foreach (var d in results)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", d.Id);
                json.WriteNumber("ruleIndex", ruleIds.IndexOf(d.Id));
                json.WriteString("level", d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "note" });
                json.WriteStartObject("message");
                json.WriteString("text", d.Message);
                json.WriteEndObject();
                if (d.Location.Path.Length > 0)
                {
                    json.WriteStartArray("locations");
                    json.WriteStartObject();
                    json.WriteStartObject("physicalLocation");
                    json.WriteStartObject("artifactLocation");
                    json.WriteString("uri", new Uri(d.Location.Path).AbsoluteUri);
                    json.WriteEndObject();
                    json.WriteStartObject("region");
                    json.WriteNumber("startLine", d.Location.Start.Line + 1);
                    json.WriteNumber("startColumn", d.Location.Start.Character + 1);
                    json.WriteNumber("endLine", d.Location.End.Line + 1);
                    json.WriteNumber("endColumn", d.Location.End.Character + 1);
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndObject();
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static string HelpUri(string id) =>
        DiagnosticDescriptors.All.FirstOrDefault(d => d.Id == id)?.HelpLink ?? DiagnosticDescriptor.HelpLinkBase + id + ".md";

    private static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(json);
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
