using System;

namespace DynLang.Core.Text;

/// <summary>A range of characters in a source text: <see cref="Start"/> offset and <see cref="Length"/>.</summary>
public readonly record struct TextSpan(int Start, int Length) : IComparable<TextSpan>
{
    /// <summary>Offset one past the last character.</summary>
    public int End => Start + Length;

    /// <summary>The span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>The smallest span covering both.</summary>
    public TextSpan Cover(TextSpan other) =>
        FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    /// <inheritdoc/>
    public int CompareTo(TextSpan other) =>
        Start != other.Start ? Start.CompareTo(other.Start) : Length.CompareTo(other.Length);

    /// <inheritdoc/>
    public override string ToString() => $"[{Start}..{End})";
}
