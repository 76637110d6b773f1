using DynLang.Core.Text;

namespace DynLang.Core.Lowering;

/// <summary>Turns character offsets into the 1-based line numbers that <c>#line</c> directives use.</summary>
internal sealed class SourceLines
{
    private readonly SourceText _source;

    public SourceLines(SourceText source) => _source = source;

    /// <summary>The 1-based line of an offset.</summary>
    public int LineOf(int offset) => _source.GetLinePosition(offset).Line + 1;
}
