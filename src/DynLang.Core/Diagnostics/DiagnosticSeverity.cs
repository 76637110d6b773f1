namespace DynLang.Core.Diagnostics;

/// <summary>Severity of a DynLang diagnostic; maps one to one onto Roslyn's severities.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Not shown by default (IDE-only).</summary>
    Hidden = 0,
    /// <summary>A proven fact or a decision worth knowing (shown with detailed verbosity).</summary>
    Info = 1,
    /// <summary>Something is likely wrong; code is still generated.</summary>
    Warning = 2,
    /// <summary>The model is wrong; no code is generated for it.</summary>
    Error = 3,
}
