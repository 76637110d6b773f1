using System.CommandLine;

namespace DynLang.Cli;

/// <summary>
/// The verbs and options of <c>dynlang</c>, declared for System.CommandLine: it parses, validates the values it
/// can (formats, precisions, arity) and writes <c>--help</c> for each verb from these descriptions.
/// </summary>
internal static class Commands
{
    /// <summary>The verbs, in the order the help lists them.</summary>
    public static readonly string[] Names = ["check", "emit", "new", "lsp"];

    public static RootCommand Root(TextWriter stdout)
    {
        var root = new RootCommand(
            "DynLang's command-line tool: check .dyn model files as the build does, emit their generated C#, " +
            "start a project, or run the language server. Severities come from .editorconfig " +
            "(dynlang_diagnostic.DLxxxx.severity) and .globalconfig (dotnet_diagnostic.DLxxxx.severity), as in the build; " +
            "see docs/cli.md.");
        root.Add(Check(stdout));
        root.Add(Emit(stdout));
        root.Add(New(stdout));
        root.Add(Lsp());
        return root;
    }

    private static Command Check(TextWriter stdout)
    {
        var inputs = new Argument<string[]>("FILE|DIR")
        {
            Description = "A .dyn file, or a folder: every *.dyn below it.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text: the build's lines (path(line,col): error DLxxxx: message), the verdict summary and a count; json; sarif (SARIF 2.1.0).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var infos = new Option<bool>("--infos") { Description = "Also print info diagnostics (text; json and sarif always have them)." };
        var detailed = new Option<bool>("--detailed") { Description = "Also print every claim under its model's summary line." };
        var command = new Command("check", "Compile .dyn files and print their diagnostics and the verdicts of their claims; exit code 1 when there is an error.")
        {
            inputs, format, infos, detailed,
        };
        command.SetAction(parse => Cli.Check(parse.GetValue(inputs) ?? [], parse.GetValue(format) ?? "text",
            parse.GetValue(infos), parse.GetValue(detailed), stdout));
        return command;
    }

    private static Command Emit(TextWriter stdout)
    {
        var input = new Argument<string>("FILE") { Description = "The .dyn file." };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write into (created if needed).", Required = true };
        var ns = new Option<string?>("--namespace") { Description = "The namespace of files that declare none (default: the build's)." };
        var precision = new Option<string>("--precision")
        {
            Description = "The floating-point type of the generated code.",
            DefaultValueFactory = _ => "double",
        };
        precision.AcceptOnlyFromAmong("double", "float");
        var command = new Command("emit", "Write the generated C# of FILE into a folder, one file per class; exit code 1 on an error.")
        {
            input, output, ns, precision,
        };
        command.SetAction(parse => Cli.Emit(parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(ns),
            parse.GetValue(precision) ?? "double", stdout, parse.InvocationConfiguration.Error));
        return command;
    }

    private static Command New(TextWriter stdout)
    {
        var name = new Argument<string>("NAME") { Description = "The project's name, also its namespace (My.Models)." };
        var output = new Option<string?>("--output", "-o") { Description = "The folder (default: NAME)." };
        var feed = new Option<string?>("--feed") { Description = "The local feed DynLang was packed into; written to a nuget.config (DynLang is not on nuget.org)." };
        var version = new Option<string?>("--package-version") { Description = "The DynLang package version to reference (default: this tool's)." };
        var command = new Command("new", "Make a console project: a LIF model, the DynLang package reference and a run loop.")
        {
            name, output, feed, version,
        };
        command.SetAction(parse => NewProject.Run(parse.GetValue(name)!, parse.GetValue(output), parse.GetValue(feed), parse.GetValue(version), stdout));
        return command;
    }

    private static Command Lsp()
    {
        // Many client templates (LSP4IJ, vscode-languageclient's TransportKind.stdio) pass --stdio: accepted, as it is what the server does anyway.
        var stdio = new Option<bool>("--stdio") { Description = "Talk over stdin/stdout (the only transport; accepted for clients that pass it)." };
        var command = new Command("lsp", "Run the language server (LSP) on stdin/stdout until the client sends 'exit'; see docs/editor.md.") { stdio };
        command.SetAction(_ => DynLang.LanguageServer.DynLanguageServer.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput()).GetAwaiter().GetResult());
        return command;
    }
}
