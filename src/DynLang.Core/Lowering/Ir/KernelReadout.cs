using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// A value the model defines and the generated class lets host code read on the current state:
/// a definition (<c>y[i] = …</c>), an invariant or an energy. Evaluated in double from the
/// current states, inputs, parameters and <c>Time</c>, never from a step's stage values.
/// </summary>
/// <param name="Name">The .dyn name (the C# member is named after it).</param>
/// <param name="Role">"definition", "invariant" or "energy".</param>
/// <param name="Loops">The loops over the definition's own indices (outermost first); empty for a scalar.</param>
/// <param name="Steps">The definitions it uses, in dependency order, each computed on the current state first.</param>
/// <param name="Value">The value: elementwise models read states and inputs as locals of their name,
/// indexed models as <see cref="IrLoad"/>s (definitions as loads of the step's name).</param>
/// <param name="Unit">Unit in words.</param>
/// <param name="DeclaredText">The declaration as written (one line), for the doc comment.</param>
/// <param name="Line">Declaration line.</param>
public sealed record KernelReadout(string Name, string Role, IReadOnlyList<IrLoop> Loops, IReadOnlyList<ReadoutStep> Steps,
    IrExpr Value, string Unit, string DeclaredText, int Line);

/// <summary>A definition a readout needs, computed (over <see cref="Loops"/>, if indexed) before the readout's value.</summary>
/// <param name="Name">The definition's .dyn name.</param>
/// <param name="Loops">Its loops (outermost first); empty for a scalar definition.</param>
/// <param name="Value">Its value, in the readout's context.</param>
/// <param name="Line">Its declaration line.</param>
public sealed record ReadoutStep(string Name, IReadOnlyList<IrLoop> Loops, IrExpr Value, int Line);

/// <summary>A definition, invariant or energy that the generated class cannot evaluate, and why (in the class's remarks).</summary>
public sealed record UnreadableQuantity(string Name, string Reason);
