using DynLang.Core.Compilation;
using DynLang.Core.Configuration;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Reporting;

namespace DynLang.Cli;

/// <summary>
/// The <c>dynlang</c> tool, callable in-process: <see cref="Run"/> parses the arguments (a small
/// hand-written parser: two verbs and a few options need no framework), writes to the given writers and
/// returns the exit code. It never throws: bad input is one line on stderr and exit code 2.
/// </summary>
public static class Cli
{
    /// <summary>No error.</summary>
    public const int Success = 0;
    /// <summary>A checked file has an error (after the configured severities).</summary>
    public const int HasErrors = 1;
    /// <summary>Bad arguments or input: a missing or unreadable file, a folder without .dyn files.</summary>
    public const int BadInput = 2;
    /// <summary>A bug in the tool (an exception it did not expect).</summary>
    public const int InternalError = 3;

    internal const string Usage = """
        Usage:
          dynlang check FILE|DIR... [--format text|json|sarif] [--infos] [--detailed]
          dynlang emit FILE -o DIR [--namespace NS] [--precision double|float]
          dynlang new NAME [-o DIR] [--feed DIR] [--package-version V]
          dynlang lsp
          dynlang --help | --version

        check  compiles each .dyn file (a DIR: every *.dyn below it), prints its diagnostics as the
               build does (path(line,col): error DLxxxx: message), the verdict summary of each model
               and a count; exit code 1 when there is an error, 0 otherwise.
               --format   text (default), json, or sarif (SARIF 2.1.0)
               --infos    also print info diagnostics (text format; json and sarif always have them)
               --detailed also print every claim under its model's summary line
        emit   writes the generated C# of FILE into DIR, one file per hint name; exit code 1 on errors.
        new    makes a console project NAME (folder NAME or DIR): a LIF model, the DynLang package
               reference and a run loop; --feed DIR adds a nuget.config with the local feed DynLang
               was packed into (it is not on nuget.org).
        lsp    runs the language server (LSP) on stdin/stdout; see docs/editor.md.
        Severities come from .editorconfig (dynlang_diagnostic.DLxxxx.severity) and .globalconfig
        (dotnet_diagnostic.DLxxxx.severity), as in the build; see docs/cli.md.
        """;

    /// <summary>Runs the tool with <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            if (args.Length == 0)
            {
                stderr.WriteLine("dynlang: no command; try 'dynlang check FILE' or 'dynlang --help'");
                return BadInput;
            }
            switch (args[0])
            {
                case "-h" or "--help" or "help":
                    stdout.WriteLine(Usage);
                    return Success;
                case "--version":
                    stdout.WriteLine(typeof(Cli).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");
                    return Success;
                case "check":
                    return Check(args.Skip(1).ToArray(), stdout, stderr);
                case "emit":
                    return Emit(args.Skip(1).ToArray(), stdout, stderr);
                case "new":
                    return NewProject.Run(Options.Parse(args.Skip(1).ToArray(), valued: ["-o", "--output", "--feed", "--package-version"], flags: []), stdout);
                case "lsp":
                    // The language server on stdin/stdout until 'exit' (docs/editor.md).
                    return DynLang.LanguageServer.DynLanguageServer.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput()).GetAwaiter().GetResult();
                default:
                    stderr.WriteLine($"dynlang: unknown command '{args[0]}'; the commands are check, emit, new and lsp (dynlang --help)");
                    return BadInput;
            }
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"dynlang: {e.Message}");
            return BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"dynlang: internal error: {e.GetType().Name}: {e.Message.Replace('\n', ' ')}");
            return InternalError;
        }
    }

    private static int Check(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Options.Parse(args, valued: ["--format", "-f"], flags: ["--infos", "--detailed"]);
        if (options.Has("--help") || options.Has("-h")) { stdout.WriteLine(Usage); return Success; }
        string format = options.Value("--format", "-f") ?? "text";
        if (format is not ("text" or "json" or "sarif")) throw new UsageException($"unknown format '{format}'; use text, json or sarif");
        if (options.Positional.Count == 0) throw new UsageException("check needs a FILE or DIR");
        var checkedFiles = Inputs.Resolve(options.Positional).Select(Checker.Check).ToList();
        switch (format)
        {
            case "json": Reports.WriteJson(checkedFiles, stdout); break;
            case "sarif": Reports.WriteSarif(checkedFiles, stdout); break;
            default: Reports.WriteText(checkedFiles, stdout, options.Has("--infos"), options.Has("--detailed")); break;
        }
        return checkedFiles.Any(f => f.Diagnostics.Any(d => d.IsError)) ? HasErrors : Success;
    }

    private static int Emit(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var options = Options.Parse(args, valued: ["-o", "--output", "--namespace", "--precision"], flags: []);
        if (options.Has("--help") || options.Has("-h")) { stdout.WriteLine(Usage); return Success; }
        if (options.Positional.Count != 1) throw new UsageException("emit needs exactly one FILE (dynlang emit FILE -o DIR)");
        string output = options.Value("-o", "--output") ?? throw new UsageException("emit needs an output folder: -o DIR");
        string precision = options.Value("--precision") ?? "double";
        if (precision is not ("double" or "float")) throw new UsageException($"unknown precision '{precision}'; use double or float");
        var compileOptions = new CompileOptions(precision == "float" ? Precision.Float : Precision.Double,
            options.Value("--namespace") ?? CompileOptions.Default.DefaultNamespace);
        var input = Inputs.Resolve(options.Positional);
        if (input.Count != 1) throw new UsageException($"emit takes one .dyn file; '{options.Positional[0]}' holds {input.Count}");
        var file = Checker.Check(input[0], compileOptions);
        foreach (var d in file.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)) stdout.WriteLine(Reports.Format(d));
        try
        {
            Directory.CreateDirectory(output);
            foreach (var generated in file.Files)
            {
                if (Path.GetFileName(generated.HintName) != generated.HintName) throw new IOException($"unexpected hint name '{generated.HintName}'");
                File.WriteAllText(Path.Combine(output, generated.HintName), generated.Source);
                stdout.WriteLine($"wrote {Path.Combine(output, generated.HintName)}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"dynlang: cannot write to '{output}': {e.Message}");
            return BadInput;
        }
        int errors = file.Diagnostics.Count(d => d.IsError);
        stdout.WriteLine($"{Reports.Plural(file.Files.Count, "file")} written; {Reports.Plural(errors, "error")}.");
        return errors > 0 ? HasErrors : Success;
    }
}

/// <summary>A message for the user about the command line or the input (one line on stderr, exit code 2).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>One input file, read.</summary>
internal sealed record InputFile(string Path, string Text);

internal static class Inputs
{
    /// <summary>Files and folders (every *.dyn below, in ordinal order) → the files' full paths and texts; bad input throws <see cref="UsageException"/>.</summary>
    public static IReadOnlyList<InputFile> Resolve(IEnumerable<string> arguments)
    {
        var paths = new List<string>();
        foreach (var argument in arguments)
        {
            string full = Path.GetFullPath(argument);
            if (File.Exists(full)) paths.Add(full);
            else if (Directory.Exists(full))
            {
                List<string> found;
                try
                {
                    found = Directory.EnumerateFiles(full, "*.dyn", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).ToList();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new UsageException($"cannot read folder '{argument}': {e.Message}");
                }
                if (found.Count == 0) throw new UsageException($"no .dyn files in folder '{argument}'");
                paths.AddRange(found);
            }
            else throw new UsageException($"no such file or folder: '{argument}'");
        }
        var files = new List<InputFile>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            try
            {
                files.Add(new InputFile(path, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"cannot read '{path}': {e.Message}");
            }
        }
        return files;
    }
}

/// <summary>A checked file: the diagnostics with the configured severities (those configured off removed), its models and code.</summary>
internal sealed record CheckedFile(string Path, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<ModelSummary> Models, IReadOnlyList<GeneratedFile> Files);

internal static class Checker
{
    public static CheckedFile Check(InputFile input) => Check(input, CompileOptions.Default);

    /// <summary>DynCompiler, then the severities the build would apply (the suppression comments are DynCompiler's own).</summary>
    public static CheckedFile Check(InputFile input, CompileOptions options)
    {
        var result = DynCompiler.Compile(input.Path, input.Text, options);
        var configuration = new ConfigurationReader().ForFile(input.Path);
        var diagnostics = result.Diagnostics.Select(configuration.Apply).Where(d => d is not null).Cast<Diagnostic>().ToList();
        return new CheckedFile(input.Path, diagnostics, result.Models, result.Files);
    }
}

/// <summary>The command-line options: positional arguments, options with a value, flags.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _named = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = new();

    public static Options Parse(string[] args, string[] valued, string[] flags)
    {
        var options = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--") { options.Positional.AddRange(args.Skip(i + 1)); break; }
            if (arg.Length > 1 && arg[0] == '-')
            {
                string name = arg, value = "";
                int eq = arg.IndexOf('=');
                if (eq > 0) { name = arg[..eq]; value = arg[(eq + 1)..]; }
                if (valued.Contains(name))
                {
                    if (eq < 0)
                    {
                        if (i + 1 >= args.Length) throw new UsageException($"option '{name}' needs a value");
                        value = args[++i];
                    }
                    options._named[name] = value;
                }
                else if (flags.Contains(name) || name is "--help" or "-h") options._named[name] = null;
                else throw new UsageException($"unknown option '{arg}' (dynlang --help)");
            }
            else options.Positional.Add(arg);
        }
        return options;
    }

    public bool Has(string name) => _named.ContainsKey(name);

    public string? Value(params string[] names)
    {
        foreach (var name in names) if (_named.TryGetValue(name, out var value)) return value;
        return null;
    }
}
