using System.Collections.Generic;

namespace DynLang.Core.Emit;

/// <summary>
/// The finite-state guard of generated CPU classes (issue 10, item 1): a <c>CheckFinite</c> property,
/// true by default in Debug builds of the consuming project (the generated code is compiled there,
/// so <c>#if DEBUG</c> is that project's configuration), and a method that reads every state once
/// after a step and throws DynLang.Runtime.NonFiniteStateException at the first NaN or infinity,
/// naming the class, the state, the element and the step. A Network asks for the check on every
/// step through <c>NetworkClock.CheckFinite</c> (Network.CheckFinite, default true).
/// </summary>
internal static class FiniteGuardEmission
{
    /// <summary>The property, its default and the checking method.</summary>
    /// <param name="states">(state as the model names it, the array field that holds it).</param>
    public static void EmitMembers(CodeWriter w, string className, IEnumerable<(string Name, string Field)> states)
    {
        w.Line("#if DEBUG");
        w.Line("private const bool __checkFiniteDefault = true;");
        w.Line("#else");
        w.Line("private const bool __checkFiniteDefault = false;");
        w.Line("#endif");
        w.Line();
        w.Doc("summary", "After each Step, stop at the first NaN or infinite state with a NonFiniteStateException naming the state, " +
                         "the element and the step (one read of the states per step). True by default in Debug builds; " +
                         "a Network checks whenever its CheckFinite is true, whatever this says.");
        w.Line("public bool CheckFinite { get; set; } = __checkFiniteDefault;");
        w.Line();
        w.Doc("summary", "Throws NonFiniteStateException at the first state value that is NaN or infinite.");
        using (w.Block("private void CheckFiniteStates()"))
        {
            foreach (var (name, field) in states)
                w.Line($"DynLang.Runtime.FiniteGuard.Check({field}, {CSharpNames.StringLiteral(className)}, {CSharpNames.StringLiteral(name)}, StepIndex, Time);");
        }
        w.Line();
    }

    /// <summary>The check after a step called directly.</summary>
    public static void EmitAfterStep(CodeWriter w) => w.Line("if (CheckFinite) CheckFiniteStates();");

    /// <summary>The check after a step run by a network (the clock carries the network's choice).</summary>
    public static void EmitAfterNetworkStep(CodeWriter w) => w.Line("if (CheckFinite || clock.CheckFinite) CheckFiniteStates();");
}
