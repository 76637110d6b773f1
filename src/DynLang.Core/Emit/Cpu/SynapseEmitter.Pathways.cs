using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

// The pathways: Deliver{Pre,Post} takes the step's spikes and decides where the work runs;
// Deliver{Pre,Post}Slices runs the code for the events of a range of slices.
internal sealed partial class SynapseEmitter
{
    /// <summary>The statements run per event: the event-driven states brought up to date, then the pathway's code.</summary>
    private List<IrAssign> PathwayBody(SynapsePathway pathway) => _program.EventDrivenUpdate.Concat(pathway.Body).ToList();

    private void EmitPathway(CodeWriter w, string side, SynapsePathway pathway)
    {
        string lower = side.ToLowerInvariant();
        var plan = PlanOf(lower);
        w.Doc("summary", $"Takes this step's {lower}-synaptic spikes and runs 'on {lower}' (line {pathway.Line}) for every synapse due now, " +
                         (plan.Split ? "slice by slice, on the worker pool when there are enough events." : "on this thread."));
        w.Doc("remarks", (plan.Split ? "Threads: " : "Threads: one, because ") + plan.Reason);
        HotPath.Mark(w);
        using (w.Block($"private void Deliver{side}(NetworkClock clock)"))
        {
            w.Line($"var delivery = __{lower}Delivery ?? throw new InvalidOperationException($\"Synapses '{{Name}}' were not prepared: run them in a Network, which prepares every object with its time step.\");");
            if (lower == "pre" && PreTakesAnySource)
                w.Line("long __eventCount = delivery.Push(clock.Step, __pre.SpikesThisStep, LateSpikes.Of(__pre)); // spikes of a late source: each reaches its synapses at emission step + delay");
            else
                w.Line($"long __eventCount = delivery.Push(clock.Step, __{lower}.SpikesThisStep);");
            w.Line("if (__eventCount == 0) return;");
            w.Line($"RunJob(__jobDeliver{side}, clock, delivery.SliceCount, 1, __eventCount * SynapseParallelism.NanosecondsPerSynapse);");
        }
        w.Line();

        w.Doc("summary", $"'on {lower}' for the events of slices [firstSlice, endSlice) of this step. Each element of the slices gets its events in Brian2's order " +
                         "(spikes ascending, then synapses by index); only how different elements' events interleave depends on the slicing, which the split rule makes irrelevant.");
        HotPath.Mark(w);
        using (w.Block($"private void Deliver{side}Slices(int firstSlice, int endSlice)"))
        {
            w.Line($"SlicedDelivery delivery = __{lower}Delivery!;");
            w.Line("NetworkClock clock = __clock;");
            EmitParameterLocals(w, _t);
            EmitTimeLocals(w);
            EmitIndexSpans(w);
            var body = PathwayBody(pathway);
            var (loads, stores) = Variables(body);
            EmitArrayLocals(w, loads);
            // With targets, the written side's element of each synapse comes with the slice's rows;
            // without (the written side is the spiking side), it is looked up by synapse id.
            string? targetSide = plan.ByPost != (lower == "post") ? (plan.ByPost ? "post" : "pre") : null;
            bool useTargets = targetSide is not null && loads.Any(n => n.StartsWith(targetSide + ".", System.StringComparison.Ordinal));
            w.Line("SliceEvents __events = delivery.Events(firstSlice, endSlice);");
            using (w.Block("for (ReadOnlySpan<int> __due = __events.Next(); !__due.IsEmpty; __due = __events.Next())"))
            {
                if (useTargets) w.Line("ReadOnlySpan<int> __targets = __events.Targets;");
                using (w.Block("for (int __k = 0; __k < __due.Length; __k++)"))
                {
                    w.Line("int __s = __due[__k];");
                    if (useTargets) w.Line($"int {(targetSide == "pre" ? "__i" : "__j")} = __targets[__k];");
                    EmitIndexLoads(w, loads, loopSide: targetSide);
                    EmitLoads(w, loads);
                    if (_program.HasEventDriven) w.Line($"{_t.Name} __delta = ({_t.Name})(t__event - __lastUpdate[__s]);");
                    var printer = Printer;
                    foreach (var assign in body)
                    {
                        if (assign.Comment is not null) w.Line("// " + assign.Comment);
                        LineDirective(w, assign.Line);
                        w.Line($"{Local(assign.Target)} = {printer.Print(assign.Value)};");
                        if (assign.Line > 0) w.Directive("#line default");
                    }
                    EmitStores(w, stores);
                    if (_program.HasEventDriven) w.Line("__lastUpdate[__s] = t__event;");
                }
            }
        }
        w.Line();
    }
}
