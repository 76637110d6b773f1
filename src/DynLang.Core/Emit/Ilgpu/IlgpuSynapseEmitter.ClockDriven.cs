using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

// Clock-driven synapse states on the device: StepClockDriven (host: the uniforms of the step, the
// exact solver's propagator) and __ClockKernel, a grid-stride loop over synapses whose body is the
// CPU class's StepClockDrivenRange body, statement for statement.
internal sealed partial class IlgpuSynapseEmitter
{
    private bool HasClockNoise => _program.Clock is { Noises.Count: > 0 };

    /// <summary>Neuron variables the clock-driven equations read ("pre.v", "post.v"): views in <c>__Views</c>.</summary>
    private IEnumerable<string> ClockNeuronVariables() =>
        _program.Clock is { } clock ? SynapseEmitter.ClockNeuronVariables(clock) : Enumerable.Empty<string>();

    /// <summary>The <c>case NetworkPhase.Groups</c> of <c>INetworkObject.Run</c> (models with clock-driven states).</summary>
    private void EmitClockPhase(CodeWriter w)
    {
        if (_program.Clock is null) return;
        w.Line("case NetworkPhase.Groups:");
        w.Line("    StepClockDriven(clock);");
        w.Line("    break;");
    }

    /// <summary>
    /// The uniforms of the clock kernel: those of the pathway kernels (dt, t, parameters, the sides'
    /// parameters), the program's host uniforms, the propagator's outputs and derived values, the
    /// synapse count and, with noise, the keys of the draws. Host values are the CPU class's doubles,
    /// converted to float for a float model as the CPU class's float copies are.
    /// </summary>
    private List<UniformField> ClockUniforms(ElementwiseProgram clock)
    {
        string cast = _t.Precision == Precision.Float ? "(float)" : "";
        var names = UniformNames().Concat(clock.Uniforms.Select(u => u.Target))
            .Concat(clock.Propagator?.Outputs.Select(o => o.Name) ?? Enumerable.Empty<string>())
            .Concat(clock.Propagator?.Derived.Select(d => d.Target) ?? Enumerable.Empty<string>())
            .Distinct();
        var fields = names.Select(n => new UniformField(Local(n), _t.Name, cast + Local(n))).ToList();
        fields.Add(new UniformField("__count", "int", "Count"));
        if (clock.Noises.Count > 0)
        {
            fields.Add(new UniformField("__seed", "ulong", "Seed"));
            fields.Add(new UniformField("__stepIndex", "long", "clock.Step"));
        }
        return fields;
    }

    private void EmitClock(CodeWriter w, ElementwiseProgram clock)
    {
        var uniforms = ClockUniforms(clock);
        if (clock.Noises.Count > 0)
        {
            NoiseEmission.EmitSeed(w, clock.Noises, "synapse");
            w.Line();
        }
        if (clock.Propagator is { } propagator)
        {
            PropagatorEmission.EmitFields(w, propagator, ParametersEmitter.TypeName(_model));
            w.Line();
        }
        w.Line("// The clock-driven kernel of this instance's accelerator (compiled once per accelerator).");
        w.Line("private Action<KernelConfig, __Views, __ClockUniforms>? __clockLauncher;");
        w.Line();

        w.Doc("summary", $"Queues one step of the clock-driven states of every synapse (solver {_model.Solver}): the uniforms on the host, as the CPU class computes them, then one kernel over all synapses.");
        using (w.Block("private void StepClockDriven(NetworkClock clock)"))
        {
            w.Line("if (Count == 0) return;");
            EmitParameterLocals(w);
            foreach (var peer in _program.PeerParameters)
                w.Line($"double {Local(peer)} = __{SideOf(peer)}.Parameters.{CSharpNames.Identifier(MemberOf(peer))};");
            w.Line("double t = clock.Time;");
            w.Line("double dt = clock.Dt;");
            ClassPrinter.HostUniforms(w, clock.Uniforms, new ScalarPrinter(NumericType.Double, r => Local(r.Name)));
            if (clock.Propagator is { } load) PropagatorEmission.EmitLoad(w, load);
            ClassPrinter.UniformInitializer(w, "var __u = new __ClockUniforms", uniforms);
            w.Line("__clockLauncher ??= __clockLauncherCache.GetValue(__accelerator, a => new __ClockLauncher(a)).Step;");
            w.Line("__clockLauncher(__Config(__accelerator, Count), __views, __u);");
        }
        w.Line();

        var variables = clock.StateLoads.Concat(SynapseEmitter.ClockNeuronVariables(clock)).ToList();
        w.Doc("summary", "One clock-driven step of synapses Grid.GlobalIndex.X, + stride, …: the CPU class's StepClockDrivenRange body on the device (same statements, same order).");
        using (w.Block("private static void __ClockKernel(__Views __views, __ClockUniforms __uniforms)"))
        {
            ClassPrinter.UniformLocals(w, uniforms);
            using (w.Block($"for (int __s = {DeviceCode.GridStart}; __s < __count; __s += {DeviceCode.GridStride})"))
            {
                if (variables.Any(n => n.StartsWith("pre.", System.StringComparison.Ordinal))) w.Line("int __i = __views.__preIndex[__s];");
                if (variables.Any(n => n.StartsWith("post.", System.StringComparison.Ordinal))) w.Line("int __j = __views.__postIndex[__s];");
                foreach (var name in variables) w.Line($"{_t.Name} {Local(name)} = {Element(name, "__s", "")};");
                var printer = DeviceCode.Printer(_t, r => Local(r.Name), element: "__s");
                var declared = new HashSet<string>(variables);
                foreach (var assign in clock.Body)
                {
                    if (assign.Comment is not null) w.Line("// " + assign.Comment);
                    string type = assign.Value.IsCondition ? "bool" : _t.Name;
                    string value = printer.Print(assign.Value);
                    w.Line(declared.Add(assign.Target) ? $"{type} {Local(assign.Target)} = {value};" : $"{Local(assign.Target)} = {value};");
                }
                foreach (var (state, local) in clock.Stores) w.Line($"__views.{Local(state)}[__s] = {Local(local)};");
            }
        }
        w.Line();

        if (clock.Propagator is { } block)
            PropagatorEmission.EmitCompute(w, block, ParametersEmitter.TypeName(_model), _model.Parameters.Select(p => p.Name));

        w.Doc("summary", "The compiled clock-driven kernel of one accelerator.");
        using (w.Block("private sealed class __ClockLauncher"))
        {
            w.Line("public readonly Action<KernelConfig, __Views, __ClockUniforms> Step;");
            w.Line("public __ClockLauncher(Accelerator accelerator) => Step = accelerator.LoadStreamKernel<__Views, __ClockUniforms>(__ClockKernel);");
        }
        w.Line();
        w.Line("private static readonly ConditionalWeakTable<Accelerator, __ClockLauncher> __clockLauncherCache = new();");
        w.Line();

        w.Doc("summary", "Values shared by all synapses during one clock-driven step (kernel arguments). Public for ILGPU's launchers; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __ClockUniforms"))
            ClassPrinter.UniformFields(w, uniforms, argumentDocs: true);
        w.Line();
    }
}
