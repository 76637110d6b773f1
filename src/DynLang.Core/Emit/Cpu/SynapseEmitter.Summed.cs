using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

// Summed variables: ComputeSums clears each target and decides where its sum runs; one method
// per summed variable makes the sums, by slices of the target side or (when the split rule says
// so) over the synapses in id order on one thread.
internal sealed partial class SynapseEmitter
{
    private static List<string> Loads(SummedVariable summed) =>
        IrWalker.References(summed.Value).Where(r => r.Kind == SlotKind.Local).Select(r => r.Name).Distinct().ToList();

    /// <summary>The sides whose elements some split summed variable is sliced by.</summary>
    private IEnumerable<string> SplitSummedScopes() =>
        _program.Summed.Where((_, k) => _summedPlans[k].Split).Select(s => s.Scope).Distinct();

    private static string SumSlicesField(string scope) => $"__{scope}SumSlices";

    private static string SumMethod(SummedVariable summed) => $"SumInto_{summed.Scope}_{summed.Target}";

    private static string SumJob(SummedVariable summed) => "__job" + SumMethod(summed);

    private void EmitSummed(CodeWriter w)
    {
        w.Doc("summary", "Writes each summed variable: for every element, the sum over its synapses (elements without synapses get 0).");
        using (w.Block("private void ComputeSums(NetworkClock clock)"))
        {
            for (int k = 0; k < _program.Summed.Count; k++)
            {
                var summed = _program.Summed[k];
                string target = $"__{summed.Scope}.{summed.Target}__data";
                w.Line($"// {summed.Scope}.{summed.Target} (line {summed.Line}): the sum over the synapses of each {summed.Scope}-synaptic element.");
                // Several synapse groups may sum into one input: the first of a step clears it (the
                // population's step index is the same for all of them until it updates in Groups).
                w.Line($"if (__{summed.Scope}.{summed.Target}__sumStamp != __{summed.Scope}.StepIndex)");
                w.Line("{");
                w.Line($"    Array.Clear({target});");
                w.Line($"    __{summed.Scope}.{summed.Target}__sumStamp = __{summed.Scope}.StepIndex;");
                w.Line("}");
                if (_summedPlans[k].Split)
                {
                    w.Line($"RunJob({SumJob(summed)}, clock, {SumSlicesField(summed.Scope)}.Count, 1, Count * SynapseParallelism.NanosecondsPerSynapse);");
                }
                else
                {
                    w.Line($"{SumMethod(summed)}(clock);");
                }
            }
        }
        w.Line();
        for (int k = 0; k < _program.Summed.Count; k++)
        {
            if (_summedPlans[k].Split) EmitSplitSum(w, _program.Summed[k], _summedPlans[k]);
            else EmitSerialSum(w, _program.Summed[k], _summedPlans[k]);
        }
    }

    /// <summary>One sum by slices of the target side: each element adds its synapses' values in ascending id, as the serial loop does.</summary>
    private void EmitSplitSum(CodeWriter w, SummedVariable summed, SplitPlan plan)
    {
        string scope = summed.Scope;
        string element = scope == "pre" ? "__i" : "__j";
        w.Doc("summary", $"{scope}.{summed.Target} (line {summed.Line}) for the {scope}-synaptic elements of slices [firstSlice, endSlice): " +
                         "each element adds its synapses' values in ascending id, the order of a loop over all synapses, so the same bits.");
        w.Doc("remarks", "Threads: " + plan.Reason);
        HotPath.Mark(w);
        using (w.Block($"private void {SumMethod(summed)}(int firstSlice, int endSlice)"))
        {
            w.Line("NetworkClock clock = __clock;");
            w.Line($"SynapseSlices __slicesOf = {SumSlicesField(scope)};");
            EmitParameterLocals(w, _t);
            EmitTimeLocals(w);
            EmitIndexSpans(w);
            var loads = Loads(summed);
            EmitArrayLocals(w, loads);
            var targetType = NumericType.For((scope == "pre" ? _program.Pre : _program.Post).Precision);
            w.Line($"{targetType.Name}[] __target = __{scope}.{summed.Target}__data;");
            using (w.Block("if (firstSlice == 0 && endSlice == __slicesOf.Count)"))
            {
                w.Line("// All slices on this thread: every synapse in id order, the fastest walk (synapse arrays are read in order).");
                using (w.Block("for (int __s = 0; __s < Count; __s++)"))
                    EmitSumStatement(w, summed, loads, targetType, element);
            }
            using (w.Block("else"))
            {
                w.Line("// Some slices: their synapses, ascending ids within each slice, so each element's additions come in the same order.");
                w.Line("ReadOnlySpan<int> __synapses = __slicesOf.Synapses(firstSlice, endSlice);");
                using (w.Block("for (int __k = 0; __k < __synapses.Length; __k++)"))
                {
                    w.Line("int __s = __synapses[__k];");
                    EmitSumStatement(w, summed, loads, targetType, element);
                }
            }
        }
        w.Line();
    }

    private void EmitSumStatement(CodeWriter w, SummedVariable summed, List<string> loads, NumericType targetType, string element)
    {
        EmitIndexLoads(w, loads.Append(summed.Scope + "." + summed.Target));
        EmitLoads(w, loads);
        string cast = targetType.Precision != _t.Precision ? $"({targetType.Name})" : "";
        LineDirective(w, summed.Line);
        w.Line($"__target[{element}] += {cast}({Printer.Print(summed.Value)});");
        w.Directive("#line default");
    }

    /// <summary>One sum over all synapses in id order, on the calling thread.</summary>
    private void EmitSerialSum(CodeWriter w, SummedVariable summed, SplitPlan plan)
    {
        var side = summed.Scope == "pre" ? _program.Pre : _program.Post;
        var targetType = NumericType.For(side.Precision);
        string target = $"__{summed.Scope}.{summed.Target}__data";
        w.Doc("summary", $"{summed.Scope}.{summed.Target} (line {summed.Line}): adds every synapse's value to its element, in synapse order.");
        w.Doc("remarks", "Threads: one, because " + plan.Reason);
        HotPath.Mark(w);
        using (w.Block($"private void {SumMethod(summed)}(NetworkClock clock)"))
        {
            EmitParameterLocals(w, _t);
            EmitTimeLocals(w);
            EmitIndexSpans(w);
            var loads = Loads(summed);
            EmitArrayLocals(w, loads);
            using (w.Block("for (int __s = 0; __s < Count; __s++)"))
            {
                EmitIndexLoads(w, loads.Append(summed.Scope + "." + summed.Target));
                EmitLoads(w, loads);
                string cast = targetType.Precision != _t.Precision ? $"({targetType.Name})" : "";
                LineDirective(w, summed.Line);
                w.Line($"{target}[{(summed.Scope == "pre" ? "__i" : "__j")}] += {cast}({Printer.Print(summed.Value)});");
                w.Directive("#line default");
            }
        }
        w.Line();
    }
}
