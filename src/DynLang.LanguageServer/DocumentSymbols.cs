using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;
using DynLang.Core.Syntax;
using DynLang.Core.Text;
using DynLang.LanguageServer.Protocol;

namespace DynLang.LanguageServer;

/// <summary>The outline of a file: its models, and in each the inputs, params and states it declares (from the parser's AST).</summary>
public static class DocumentSymbols
{
    public static IReadOnlyList<DocumentSymbol> Of(string path, string text)
    {
        var source = new SourceText(path, text);
        var tree = SyntaxTree.Parse(source, new DiagnosticBag(source));
        var symbols = new List<DocumentSymbol>();
        foreach (var model in tree.Root.Models)
        {
            if (!Named(model.Name)) continue;
            var children = new List<DocumentSymbol>();
            foreach (var item in model.Signature)
                if (item is InputSignature input && Named(input.Name))
                    children.Add(Symbol(source, input.Name, Detail(source, "input", input.Unit), SymbolKind.Field, input.Span));
            foreach (var member in model.Members)
            {
                if (member is not VariableDecl declaration) continue;
                foreach (var item in declaration.Items)
                {
                    if (!Named(item.Name)) continue;
                    var (word, kind) = declaration.Role switch
                    {
                        VariableRole.Param => ("param", SymbolKind.Constant),
                        VariableRole.State => ("state", SymbolKind.Variable),
                        _ => ("input", SymbolKind.Field),
                    };
                    children.Add(Symbol(source, item.Name, Detail(source, word, item.Unit), kind, item.Span));
                }
            }
            var symbol = Symbol(source, model.Name, model.Kind.ToString().ToLowerInvariant(), SymbolKind.Class, model.Span);
            symbols.Add(symbol with { Children = children });
        }
        return symbols;
    }

    private static bool Named(Identifier name) => name.Span.Start >= 0 && name.Span.Length > 0 && name.Name.Length > 0;

    private static string Detail(SourceText source, string word, UnitExpr? unit) =>
        unit is null ? word : $"{word} : {source.Slice(unit.Span)}";

    private static DocumentSymbol Symbol(SourceText source, Identifier name, string detail, int kind, TextSpan whole)
    {
        var selection = ToRange(source.GetLocation(name.Span));
        // LSP wants the selection inside the range; a span the parser could not complete is widened to cover it.
        var range = ToRange(source.GetLocation(source.Clamp(whole).Cover(source.Clamp(name.Span))));
        return new DocumentSymbol(name.Name, detail, kind, range, selection, null);
    }

    private static Protocol.Range ToRange(SourceLocation location) =>
        new(new Position(location.Start.Line, location.Start.Character), new Position(location.End.Line, location.End.Character));
}
