using System.Linq;
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
    /// <param name="fused">
    /// States whose every new value the kernel itself tests while it stores it (elementwise
    /// populations: a subtraction and a compare per vector, in registers), setting
    /// <c>__nonFinite</c>: these are read again only when that flag says a bad value was stored,
    /// to name the first one. Null: every state is read after every step.
    /// </param>
    public static void EmitMembers(CodeWriter w, string className, IEnumerable<(string Name, string Field)> states, HashSet<string>? fused = null)
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
        var all = states.ToList();
        if (fused is not null && fused.Count > 0)
        {
            w.Line("// Set (to 1) by StepRange when it stored a NaN or an infinity; cleared before each step. Only ever");
            w.Line("// written to 1 by the threads of one step, so a plain write is enough.");
            w.Line("private int __nonFinite;");
            w.Line();
        }
        using (w.Block("private void CheckFiniteStates()"))
        {
            foreach (var (name, field) in all.Where(s => fused is null || !fused.Contains(s.Name)))
                w.Line($"DynLang.Runtime.FiniteGuard.Check({field}, {CSharpNames.StringLiteral(className)}, {CSharpNames.StringLiteral(name)}, StepIndex, Time);");
            var checkedInKernel = all.Where(s => fused is not null && fused.Contains(s.Name)).ToList();
            if (checkedInKernel.Count > 0)
            {
                w.Line("// The kernel tested these as it stored them: read them only to name the first bad value.");
                using (w.Block("if (__nonFinite != 0)"))
                {
                    foreach (var (name, field) in checkedInKernel)
                        w.Line($"DynLang.Runtime.FiniteGuard.Check({field}, {CSharpNames.StringLiteral(className)}, {CSharpNames.StringLiteral(name)}, StepIndex, Time);");
                }
            }
        }
        w.Line();
    }

    /// <summary>The check after a step called directly.</summary>
    public static void EmitAfterStep(CodeWriter w) => w.Line("if (CheckFinite) CheckFiniteStates();");

    /// <summary>The check after a step run by a network (the clock carries the network's choice).</summary>
    public static void EmitAfterNetworkStep(CodeWriter w) => w.Line("if (CheckFinite || clock.CheckFinite) CheckFiniteStates();");
}
