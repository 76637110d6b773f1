using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

// The device side of the synapse class: the pathway and sum kernels, their launch shapes and
// argument structs.
internal sealed partial class IlgpuSynapseEmitter
{
    private ScalarPrinter Printer => DeviceCode.Printer(_t, r => Local(r.Name));

    private void EmitKernelUniformLocals(CodeWriter w)
    {
        foreach (var name in UniformNames()) w.Line($"{_t.Name} {Local(name)} = __uniforms.{Local(name)};");
    }

    /// <summary>
    /// 'on pre' / 'on post' on the device: group g takes spikes g, g + groups, …; its threads take
    /// the spike's row (the synapses of the spiking element, ascending ids) in strides of the group
    /// size. Each thread runs the CPU class's statements for its synapse; synapse states are its own,
    /// neuron variables are added atomically (<see cref="SynapseDeviceRule"/>).
    /// </summary>
    private void EmitPathwayKernel(CodeWriter w, string side, SynapsePathway pathway)
    {
        string upper = CSharpNames.Capitalized(side);
        var accumulations = SynapseDeviceRule.Accumulations(_program, pathway, out _)!;
        var accumulated = new HashSet<string>(accumulations.Select(a => a.Variable));
        var replaced = accumulations.ToDictionary(a => a.Statement, a => a);
        var body = _program.EventDrivenUpdate.Concat(pathway.Body).ToList();
        var (loads, stores) = Variables(body);
        string spiking = side == "pre" ? "__i" : "__j";
        string other = side == "pre" ? "__j" : "__i";
        string otherSide = side == "pre" ? "post" : "pre";

        w.Doc("summary", $"'on {side}' (line {pathway.Line}) for the spikes in <paramref name=\"spikes\"/>: one group of threads per spike, one thread per synapse of its row. " +
                         "<paramref name=\"delaySteps\"/> ≥ 0 runs only the synapses with that delay (per-synapse delays).");
        using (w.Block($"private static void __Deliver{upper}Kernel(__Views __views, __Uniforms __uniforms, ArrayView1D<int, Stride1D.Dense> spikes, ArrayView1D<int, Stride1D.Dense> spikeLength, int delaySteps)"))
        {
            EmitKernelUniformLocals(w);
            w.Line("double t__event = __uniforms.__tEvent;");
            w.Line("int __spikeCount = spikeLength[0];");
            using (w.Block("for (int __e = Grid.IdxX; __e < __spikeCount; __e += Grid.DimX)"))
            {
                w.Line($"int {spiking} = spikes[__e];");
                w.Line($"int __rowEnd = __views.{RowStart(side)}[{spiking} + 1];");
                using (w.Block($"for (int __r = __views.{RowStart(side)}[{spiking}] + Group.IdxX; __r < __rowEnd; __r += Group.DimX)"))
                {
                    w.Line($"int __s = __views.{RowSynapses(side)}[__r];");
                    w.Line($"if (delaySteps >= 0 && __views.__{side}DelaySteps[__s] != delaySteps) continue;");
                    if (loads.Concat(stores).Any(n => n.StartsWith(otherSide + ".", System.StringComparison.Ordinal)))
                        w.Line($"int {other} = __views.__{otherSide}Index[__s];");
                    foreach (var name in loads.Where(n => !accumulated.Contains(n)))
                        w.Line($"{_t.Name} {Local(name)} = {Element(name, spiking, side)};");
                    if (_program.HasEventDriven) w.Line($"{_t.Name} __delta = ({_t.Name})(t__event - __views.__lastUpdate[__s]);");
                    var printer = Printer;
                    foreach (var assign in body)
                    {
                        if (assign.Comment is not null) w.Line("// " + assign.Comment);
                        if (replaced.TryGetValue(assign, out var accumulation))
                        {
                            w.Line($"// {accumulation.Variable} {(accumulation.Negated ? "-=" : "+=")} …: added atomically below (line {assign.Line})");
                            w.Line($"{_t.Name} {Local(accumulation.Variable)}__add = {printer.Print(accumulation.Increment)};");
                        }
                        else
                        {
                            w.Line($"{Local(assign.Target)} = {printer.Print(assign.Value)};");
                        }
                    }
                    foreach (var name in stores.Where(n => !accumulated.Contains(n)))
                        w.Line($"__views.{Local(name)}[__s] = {Local(name)};");
                    foreach (var accumulation in accumulations)
                    {
                        var type = TypeOf(accumulation.Variable);
                        string value = $"{Local(accumulation.Variable)}__add";
                        if (accumulation.Negated) value = "-" + value;
                        if (type.Precision != _t.Precision) value = $"({type.Name})({value})";
                        string index = SideOf(accumulation.Variable) == side ? spiking : other;
                        w.Line($"Atomic.Add(ref __views.{Local(accumulation.Variable)}[{index}], {value});");
                    }
                    if (_program.HasEventDriven) w.Line("__views.__lastUpdate[__s] = t__event;");
                }
            }
        }
        w.Line();
    }

    /// <summary>A variable's element in a kernel: a synapse state at __s, a neuron variable at __i or __j (converted to the synapse's type).</summary>
    private string Element(string name, string spiking, string side)
    {
        if (!SynapseDeviceRule.IsNeuronVariable(name)) return $"__views.{Local(name)}[__s]";
        string index = SideOf(name) == "pre" ? "__i" : "__j";
        var type = TypeOf(name);
        string element = $"__views.{Local(name)}[{index}]";
        return type.Precision != _t.Precision ? $"({_t.Name}){element}" : element;
    }

    private (List<string> Loads, List<string> Stores) Variables(IEnumerable<IrAssign> body) => SynapseClassParts.Variables(_model, body);

    /// <summary>
    /// A summed variable: one thread per element of the target side adds its synapses' values in
    /// ascending synapse id — the CPU class's order, so the same bits — into the element's input
    /// (replacing it, or adding to what an earlier synapse group of this step put there).
    /// </summary>
    private void EmitSumKernel(CodeWriter w, int k, SummedVariable summed)
    {
        string scope = summed.Scope;
        string element = scope == "pre" ? "__i" : "__j";
        string otherSide = scope == "pre" ? "post" : "pre";
        string other = scope == "pre" ? "__j" : "__i";
        string row = scope == "pre" ? "pre" : "post";
        var loads = IrWalker.References(summed.Value).Where(r => r.Kind == SlotKind.Local).Select(r => r.Name).Distinct().ToList();
        var targetType = NumericType.For(Side(scope).Precision);
        string target = $"__views.{Local(scope + "." + summed.Target)}";
        w.Doc("summary", $"{scope}.{summed.Target} (line {summed.Line}): for each {scope}-synaptic element, the sum over its synapses in ascending id.");
        using (w.Block($"private static void __Sum{k}Kernel(__Views __views, __Uniforms __uniforms)"))
        {
            EmitKernelUniformLocals(w);
            using (w.Block($"for (int {element} = {DeviceCode.GridStart}; {element} < __uniforms.__{scope}Count; {element} += {DeviceCode.GridStride})"))
            {
                w.Line($"{targetType.Name} __sum = __uniforms.__add{k} != 0 ? {target}[{element}] : {targetType.Literal(0)};");
                w.Line($"int __rowEnd = __views.{RowStart(row)}[{element} + 1];");
                using (w.Block($"for (int __r = __views.{RowStart(row)}[{element}]; __r < __rowEnd; __r++)"))
                {
                    w.Line($"int __s = __views.{RowSynapses(row)}[__r];");
                    if (loads.Any(n => n.StartsWith(otherSide + ".", System.StringComparison.Ordinal)))
                        w.Line($"int {other} = __views.__{otherSide}Index[__s];");
                    foreach (var name in loads) w.Line($"{_t.Name} {Local(name)} = {Element(name, element, scope)};");
                    string cast = targetType.Precision != _t.Precision ? $"({targetType.Name})" : "";
                    w.Line($"__sum += {cast}({Printer.Print(summed.Value)});");
                }
                w.Line($"{target}[{element}] = __sum;");
            }
        }
        w.Line();
    }

    /// <summary>
    /// The launch shape of a pathway: groups of a warp (32 threads on a GPU) take a spike's row each,
    /// so the work is 32 threads per element of the spiking side (at most that many spikes), and no
    /// more groups than run at once (<c>__Config</c>'s rule).
    /// </summary>
    private const string RowConfig = "__Config(__accelerator, 32L * Math.Max(1, {0}), maxGroup: 32)";

    private void EmitLaunchers(CodeWriter w)
    {
        const string pathwayArgs = "__Views, __Uniforms, ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>, int";
        w.Doc("summary", "The compiled kernels of one accelerator (ILGPU compiles a kernel in about 0.3 s: once per accelerator, not per instance).");
        using (w.Block("private sealed class __Launchers"))
        {
            foreach (var (side, _) in Pathways) w.Line($"public readonly Action<KernelConfig, {pathwayArgs}> Deliver{CSharpNames.Capitalized(side)};");
            for (int k = 0; k < _program.Summed.Count; k++) w.Line($"public readonly Action<KernelConfig, __Views, __Uniforms> Sum{k};");
            w.Line();
            using (w.Block("public __Launchers(Accelerator accelerator)"))
            {
                foreach (var (side, _) in Pathways)
                {
                    string upper = CSharpNames.Capitalized(side);
                    w.Line($"Deliver{upper} = accelerator.LoadStreamKernel<{pathwayArgs}>(__Deliver{upper}Kernel);");
                }
                for (int k = 0; k < _program.Summed.Count; k++)
                    w.Line($"Sum{k} = accelerator.LoadStreamKernel<__Views, __Uniforms>(__Sum{k}Kernel);");
            }
        }
        w.Line();
        w.Line("private static readonly ConditionalWeakTable<Accelerator, __Launchers> __launcherCache = new();");
        w.Line();
    }

    private void EmitStructs(CodeWriter w)
    {
        w.Doc("summary", "The kernels' arrays (views of the buffers, and of the populations' buffers the model uses). Public only because ILGPU's CPU accelerator launches kernels from a dynamic assembly that must see their argument types; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Views"))
        {
            foreach (var (name, _, type) in Buffers()) IlgpuHostCode.ArgumentField(w, $"public ArrayView1D<{type}, Stride1D.Dense> {CSharpNames.Identifier(name)};");
            foreach (var (side, _) in Pathways) IlgpuHostCode.ArgumentField(w, $"public ArrayView1D<int, Stride1D.Dense> __{side}DelaySteps;");
            foreach (var variable in NeuronVariables())
                IlgpuHostCode.ArgumentField(w, $"public ArrayView1D<{TypeOf(variable).Name}, Stride1D.Dense> {Local(variable)};");
        }
        w.Line();
        w.Doc("summary", "Values shared by all synapses during one step (kernel arguments). Public for ILGPU's launchers; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Uniforms"))
        {
            foreach (var name in UniformNames()) IlgpuHostCode.ArgumentField(w, $"public {_t.Name} {Local(name)};");
            IlgpuHostCode.ArgumentField(w, "public double __tEvent;");
            IlgpuHostCode.ArgumentField(w, "public int __preCount;");
            IlgpuHostCode.ArgumentField(w, "public int __postCount;");
            for (int k = 0; k < _program.Summed.Count; k++) IlgpuHostCode.ArgumentField(w, $"public int __add{k};");
        }
    }
}
