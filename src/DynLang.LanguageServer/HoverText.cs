using System.Text;
using DynLang.Core.Navigation;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.LanguageServer;

/// <summary>
/// The markdown of a hover. For a declared symbol: its kind word, name and unit (the unit as written
/// in the file, else the checker's dimension, else "dimensionless"), and a parameter's default as
/// written; for a built-in: its signature and description; elsewhere in an expression: the unit of the
/// smallest expression there. A diagnostic under the cursor adds its id, message and help link.
/// </summary>
public static class HoverText
{
    /// <summary>The hover at <paramref name="offset"/>, and the span it is about; null when there is nothing to say.</summary>
    public static (string Markdown, TextSpan Span)? At(SemanticIndex index, int offset, IReadOnlyList<DiagnosticNote> diagnostics)
    {
        var text = new StringBuilder();
        TextSpan? span = null;
        if (index.OccurrenceAt(offset, orJustAfter: false) is { } occurrence)
        {
            span = occurrence.Span;
            if (occurrence.Symbol is { } symbol) text.Append(Describe(symbol));
            else text.Append(Unresolved(occurrence.Reason, index.Source.Slice(occurrence.Span)));
        }
        else if (index.ExpressionDimensionAt(offset) is { } expression)
        {
            span = expression.Span;
            text.Append("expression `").Append(Code(index.Source.Slice(expression.Span))).Append("` : ").Append(Unit(expression.Dimension));
        }
        foreach (var d in diagnostics)
        {
            if (d.Span.Start > offset || offset > d.Span.End) continue;
            if (text.Length > 0) text.Append("\n\n---\n\n");
            text.Append(d.HelpLink is null ? d.Id : $"[{d.Id}]({d.HelpLink})").Append(": ").Append(d.Message);
            span ??= d.Span;
        }
        return text.Length == 0 || span is not { } s ? null : (text.ToString(), s);
    }

    /// <summary>A diagnostic as published: where, its id, its message and its help page.</summary>
    public readonly record struct DiagnosticNote(TextSpan Span, string Id, string Message, string? HelpLink);

    /// <summary>What a symbol is: <c>parameter tau : ms = 10 ms</c>, <c>exp(x)</c> and its description, …</summary>
    public static string Describe(NavSymbol symbol)
    {
        switch (symbol.Kind)
        {
            case NavSymbolKind.BuiltinFunction when BuiltinDocs.TryGetFunction(symbol.Name, out var signature, out var doc):
                return $"```dyn\n{signature}\n```\nbuilt-in function: {doc}";
            case NavSymbolKind.BuiltinValue:
                return $"built-in value `{symbol.Name}`" + (BuiltinDocs.TryGetValue(symbol.Name, out var value) ? ": " + value : "");
            case NavSymbolKind.Model:
                return $"model `{symbol.Name}` ({symbol.ValueText})";
            case NavSymbolKind.Function:
                return $"function `{symbol.Name}({string.Join(", ", symbol.Parameters)})`" + (symbol.ModelName is { } m ? $" of `{m}`" : "");
            case NavSymbolKind.FunctionParameter:
                return $"function parameter `{symbol.Name}`";
            case NavSymbolKind.Noise:
                return $"white noise `{symbol.Name}` : s^-1/2 in a model with units (dimensionless without)";
        }
        var text = new StringBuilder();
        text.Append(symbol.KindWord).Append(" `").Append(symbol.Name).Append("` : ");
        text.Append(symbol.UnitText is { Length: > 0 } unit ? unit : symbol.Dimension is { } d ? Unit(d) : "unit unknown");
        if (symbol.Kind == NavSymbolKind.Parameter && symbol.ValueText is { Length: > 0 } defaultValue)
            text.Append("\n\ndefault: `").Append(Code(defaultValue)).Append('`');
        else if (symbol.Kind == NavSymbolKind.State && symbol.ValueText is { Length: > 0 } initial)
            text.Append("\n\ninitial value: `").Append(Code(initial)).Append('`');
        if (symbol.ModelName is { } model) text.Append("\n\nin `").Append(model).Append('`');
        return text.ToString();
    }

    private static string Unresolved(Unresolved reason, string name) => reason switch
    {
        Core.Navigation.Unresolved.IndexVariable => $"index variable `{name}`",
        Core.Navigation.Unresolved.Unit => $"unit `{name}` used as a value",
        Core.Navigation.Unresolved.GridAxis => $"grid axis `{name}`",
        Core.Navigation.Unresolved.CallerScope => $"`{name}`: a name of the model that calls this function",
        _ => $"`{name}` is not defined here",
    };

    /// <summary>A dimension as the build's messages write it (UnitFormatter), "dimensionless" for a pure number.</summary>
    public static string Unit(Dimension dimension) =>
        dimension.IsDimensionless ? "dimensionless" : UnitFormatter.Format(dimension);

    /// <summary>Inline code cannot hold a backtick or a line break; hovers show expressions on one line.</summary>
    private static string Code(string text) => text.Replace('`', '\'').Replace("\r", "").Replace('\n', ' ');
}
