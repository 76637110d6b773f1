using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

// Clock-driven states: StepClockDriven prepares the step and decides where it runs;
// StepClockDrivenRange integrates a range of synapses.
internal sealed partial class SynapseEmitter
{
    /// <summary>The neuron variables ("pre.v", "post.v") the clock-driven equations read, in first-use order (also the ILGPU class's).</summary>
    internal static List<string> ClockNeuronVariables(ElementwiseProgram clock) =>
        clock.Body.SelectMany(a => IrWalker.References(a.Value))
            .Where(r => r.Kind == SlotKind.Local && r.Name.Contains('.')).Select(r => r.Name).Distinct().ToList();

    private void EmitClock(CodeWriter w, ElementwiseProgram clock)
    {
        w.Doc("summary", $"Advances the clock-driven states of every synapse by one step (solver {_model.Solver}), in ranges of synapses on the worker pool when there are enough of them.");
        w.Doc("remarks", "Threads: any split is safe: each synapse writes only its own states, and reads neuron variables that nothing writes in this phase.");
        HotPath.Mark(w);
        using (w.Block("private void StepClockDriven(NetworkClock clock)"))
        {
            if (clock.Propagator is not null)
            {
                w.Line("// The propagator is brought up to date here, on one thread: ComputePropagator writes the cache the ranges read.");
                w.Line("var __p = Parameters;");
                w.Line("if (!(__propagatorDt == clock.Dt) || !__propagatorParameters.Equals(__p)) ComputePropagator(clock.Dt, __p);");
            }
            w.Line("int __grain = Math.Max(1, (Count + __sliceCount - 1) / __sliceCount);");
            w.Line("RunJob(__jobClockDriven, clock, Count, __grain, Count * SynapseParallelism.NanosecondsPerSynapse);");
        }
        w.Line();

        w.Doc("summary", "Advances the clock-driven states of synapses [start, end) by one step.");
        HotPath.Mark(w);
        using (w.Block("private void StepClockDrivenRange(int start, int end)"))
        {
            w.Line("NetworkClock clock = __clock;");
            EmitParameterLocals(w, NumericType.Double);
            w.Line("double t = clock.Time;");
            w.Line("double dt = clock.Dt;");
            var host = new ScalarPrinter(NumericType.Double, r => Local(r.Name));
            foreach (var uniform in clock.Uniforms) w.Line($"double {Local(uniform.Target)} = {host.Print(uniform.Value)};");
            if (clock.Propagator is { } propagator) PropagatorEmission.EmitLoad(w, propagator);
            if (_t.Precision == Precision.Float)
            {
                // The kernel computes in float: shadow the host doubles with float copies.
                var names = _model.Parameters.Select(p => p.Name).Concat(_program.PeerParameters).Concat(new[] { "t", "dt" })
                    .Concat(clock.Uniforms.Select(u => u.Target))
                    .Concat(clock.Propagator?.Outputs.Select(o => o.Name) ?? Enumerable.Empty<string>())
                    .Concat(clock.Propagator?.Derived.Select(s => s.Target) ?? Enumerable.Empty<string>());
                foreach (var name in names) w.Line($"float {Local(name)}__f = (float){Local(name)};");
            }
            EmitIndexSpans(w);
            if (clock.Noises.Count > 0)
            {
                // The keys of the draws: (Seed, stream, synapse index, the network's step).
                w.Line("ulong __seed = Seed;");
                w.Line("long __stepIndex = clock.Step;");
            }
            var externals = ClockNeuronVariables(clock);
            var variables = clock.StateLoads.Concat(externals).ToList();
            EmitArrayLocals(w, variables);
            using (w.Block("for (int __s = start; __s < end; __s++)"))
            {
                EmitIndexLoads(w, variables);
                EmitLoads(w, variables);
                string suffix = _t.Precision == Precision.Float ? "__f" : "";
                var printer = new ScalarPrinter(_t, r => r.Kind == SlotKind.Uniform ? Local(r.Name) + suffix : Local(r.Name))
                {
                    NoiseElement = _ => "__s",
                    MathMode = _model.MathMode,
                };
                var declared = new HashSet<string>(clock.StateLoads.Concat(externals));
                foreach (var assign in clock.Body)
                {
                    if (assign.Comment is not null) w.Line("// " + assign.Comment);
                    LineDirective(w, assign.Line);
                    string type = assign.Value.IsCondition ? "bool" : _t.Name;
                    w.Line(declared.Add(assign.Target) ? $"{type} {Local(assign.Target)} = {printer.Print(assign.Value)};" : $"{Local(assign.Target)} = {printer.Print(assign.Value)};");
                    if (assign.Line > 0) w.Directive("#line default");
                }
                foreach (var (state, local) in clock.Stores) w.Line($"{Element(state, forStore: true)} = {Local(local)};");
            }
        }
        w.Line();
    }
}
