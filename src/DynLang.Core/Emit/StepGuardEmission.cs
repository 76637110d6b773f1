using System;

namespace DynLang.Core.Emit;

/// <summary>
/// The re-entrancy guard of every generated Step (DynLang.Runtime.StepGuard): a field, and around
/// the body one line before (Enter, outside the try: a refused call must not release the step
/// that is running) and one after (Exit in a finally).
/// </summary>
internal static class StepGuardEmission
{
    /// <summary>The guard field.</summary>
    public static void EmitField(CodeWriter w)
    {
        w.Line("// Throws when Step is called while a Step of this instance runs (two threads): see DynLang.Runtime.StepGuard.");
        w.Line("private DynLang.Runtime.StepGuard __stepGuard;");
    }

    /// <summary>Writes the Enter line and opens the try block; disposing closes it with the finally that exits.</summary>
    public static IDisposable Guard(CodeWriter w, string className)
    {
        w.Line($"__stepGuard.Enter({CSharpNames.StringLiteral(className)});");
        w.Line("try");
        w.Line("{");
        w.Indent();
        return new Closer(w);
    }

    private sealed class Closer(CodeWriter w) : IDisposable
    {
        public void Dispose()
        {
            w.Outdent();
            w.Line("}");
            w.Line("finally { __stepGuard.Exit(); }");
        }
    }
}
