using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

/// <summary>
/// A write of a pathway to a neuron variable, run on the device as an atomic addition:
/// <c>post.ge += w</c> is <c>Atomic.Add(ref post__ge[j], w)</c>.
/// </summary>
/// <param name="Variable">"post.ge" or "pre.x".</param>
/// <param name="Increment">What is added (the right-hand side of <c>+=</c>, or of <c>-=</c>).</param>
/// <param name="Negated">True for <c>-=</c>: the increment is subtracted.</param>
/// <param name="Statement">The assignment it replaces in the body.</param>
internal sealed record DeviceAccumulation(string Variable, IrExpr Increment, bool Negated, IrAssign Statement);

/// <summary>
/// Which synapse models get an ILGPU class, and how their pathways write neuron variables there.
/// <para>
/// On the device every synapse a spike reaches is a thread, so several threads write one neuron
/// element at once (the synapses of one target; on the CPU one thread writes them one after the
/// other). A write is possible only when it is an addition: <c>x += e</c> or <c>x -= e</c>, once per
/// pathway, with <c>x</c> read nowhere else in it — then it is an atomic add of <c>e</c>, and the
/// element ends with the same sum, added in another order (the rounding of the last bits may differ
/// when the added values differ; sums of equal values, as in CUBA and COBAHH, are exact). Anything
/// else (<c>post.v = 0</c>, <c>post.g *= 2</c>, <c>post.ge += w; w = post.ge</c>) depends on the order of
/// the synapses and has no class; the factory says why. Synapse states are per synapse: one thread.
/// Clock-driven synapse states (with or without white noise) are per synapse too: one thread each,
/// the CPU class's statements and noise keys (IlgpuSynapseEmitter.ClockDriven.cs).
/// </para>
/// </summary>
internal static class SynapseDeviceRule
{
    /// <summary>Null when the model gets an ILGPU class; else why not (one sentence, for the factory's exception).</summary>
    public static string? Unsupported(KernelModel model)
    {
        var program = model.Synapse!;
        foreach (var (name, pathway) in Pathways(program))
        {
            if (Accumulations(program, pathway, out string? problem) is null)
                return $"'on {name}' ({ParametersEmitter.FileName(model)}, line {pathway.Line}) {problem}";
        }
        return null;
    }

    /// <summary>The pathways of a synapse model, "pre" before "post".</summary>
    public static IEnumerable<(string Name, SynapsePathway Pathway)> Pathways(SynapseProgram program)
    {
        if (program.OnPre is { } onPre) yield return ("pre", onPre);
        if (program.OnPost is { } onPost) yield return ("post", onPost);
    }

    /// <summary>Whether <paramref name="name"/> is a variable of the pre- or post-synaptic neuron ("pre.v", "post.ge").</summary>
    public static bool IsNeuronVariable(string name) =>
        name.StartsWith("pre.", System.StringComparison.Ordinal) || name.StartsWith("post.", System.StringComparison.Ordinal);

    /// <summary>
    /// The neuron writes of a pathway as atomic additions, or null with the reason in
    /// <paramref name="problem"/> when one of them is not an addition the device can make.
    /// </summary>
    public static List<DeviceAccumulation>? Accumulations(SynapseProgram program, SynapsePathway pathway, out string? problem)
    {
        problem = null;
        var body = program.EventDrivenUpdate.Concat(pathway.Body).ToList();
        var result = new List<DeviceAccumulation>();
        foreach (var variable in body.Select(a => a.Target).Where(IsNeuronVariable).Distinct())
        {
            var writes = body.Where(a => a.Target == variable).ToList();
            if (writes.Count > 1)
            {
                problem = $"writes {variable} {writes.Count} times; on an accelerator a neuron variable takes one '+=' or '-=' per pathway";
                return null;
            }
            var write = writes[0];
            if (write.Value is not IrBinary { Op: IrBinaryOp.Add or IrBinaryOp.Subtract } sum
                || sum.Left is not IrRef { Kind: SlotKind.Local } left || left.Name != variable
                || Reads(sum.Right, variable))
            {
                problem = $"sets {variable} other than by '+=' or '-=': the synapses of one element run at once on an accelerator, and only additions give a result that does not depend on their order";
                return null;
            }
            if (body.Where(a => !ReferenceEquals(a, write)).Any(a => Reads(a.Value, variable)))
            {
                problem = $"reads {variable} besides adding to it: on an accelerator the other synapses' additions arrive in no fixed order, so the value read would depend on it";
                return null;
            }
            result.Add(new DeviceAccumulation(variable, sum.Right, sum.Op == IrBinaryOp.Subtract, write));
        }
        return result;
    }

    private static bool Reads(IrExpr expr, string variable) =>
        IrWalker.References(expr).Any(r => r.Kind == SlotKind.Local && r.Name == variable);
}
