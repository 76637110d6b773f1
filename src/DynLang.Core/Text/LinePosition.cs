namespace DynLang.Core.Text;

/// <summary>A zero-based line and character position, as Roslyn's <c>LinePosition</c>.</summary>
public readonly record struct LinePosition(int Line, int Character)
{
    /// <summary>One-based "line,column" as compilers print it.</summary>
    public override string ToString() => $"{Line + 1},{Character + 1}";
}
