namespace DynLang.Core.Checks;

/// <summary>What a check concluded.</summary>
internal enum VerdictKind
{
    /// <summary>Proven symbolically.</summary>
    Proven,
    /// <summary>Shown false, with a residual or a numeric counterexample.</summary>
    Disproven,
    /// <summary>Neither: the text says how it tried.</summary>
    Undecided,
}

/// <summary>A check's conclusion and its explanation (the end of the diagnostic message).</summary>
internal sealed record Verdict(VerdictKind Kind, string Text);
