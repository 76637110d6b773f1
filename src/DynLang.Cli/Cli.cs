using DynLang.Core.Compilation;
using DynLang.Core.Configuration;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Reporting;
using System.CommandLine;

namespace DynLang.Cli;

/// <summary>
/// The <c>dynlang</c> tool, callable in-process: <see cref="Run"/> parses the arguments with System.CommandLine
/// (<see cref="Commands"/> declares the verbs and options, and gives <c>--help</c> for each), writes to the given
/// writers and returns the exit code. It never throws: bad input is one line on stderr and exit code 2.
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
            if (!args[0].StartsWith('-') && !Commands.Names.Contains(args[0]))
            {
                stderr.WriteLine($"dynlang: unknown command '{args[0]}'; the commands are {string.Join(", ", Commands.Names.SkipLast(1))} and {Commands.Names[^1]} (dynlang --help)");
                return BadInput;
            }
            var parse = Commands.Root(stdout).Parse(args);
            // A parse error is one line, as every other bad input; System.CommandLine would print the help after it.
            if (parse.Errors.Count > 0)
            {
                string message = System.Text.RegularExpressions.Regex.Replace(parse.Errors[0].Message, @"\s+", " ").Trim();
                string help = parse.CommandResult.Command is RootCommand ? "dynlang --help" : $"dynlang {parse.CommandResult.Command.Name} --help";
                stderr.WriteLine($"dynlang: {message} ({help})");
                return BadInput;
            }
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
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

    /// <summary><c>dynlang check</c>: compile every input, print the report in <paramref name="format"/>; exit code 1 on an error.</summary>
    internal static int Check(IReadOnlyList<string> inputs, string format, bool infos, bool detailed, TextWriter stdout)
    {
        var checkedFiles = Inputs.Resolve(inputs).Select(Checker.Check).ToList();
        switch (format)
        {
            case "json": Reports.WriteJson(checkedFiles, stdout); break;
            case "sarif": Reports.WriteSarif(checkedFiles, stdout); break;
            default: Reports.WriteText(checkedFiles, stdout, infos, detailed); break;
        }
        return checkedFiles.Any(f => f.Diagnostics.Any(d => d.IsError)) ? HasErrors : Success;
    }

    /// <summary><c>dynlang emit</c>: the generated C# of one file into <paramref name="output"/>; exit code 1 on an error.</summary>
    internal static int Emit(string input, string output, string? ns, string precision, TextWriter stdout, TextWriter stderr)
    {
        var compileOptions = new CompileOptions(precision == "float" ? Precision.Float : Precision.Double,
            ns ?? CompileOptions.Default.DefaultNamespace);
        var files = Inputs.Resolve([input]);
        if (files.Count != 1) throw new UsageException($"emit takes one .dyn file; '{input}' holds {files.Count}");
        var file = Checker.Check(files[0], compileOptions);
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
