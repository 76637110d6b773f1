using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>A .dyn file as the generator sees it, without touching the disk.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
