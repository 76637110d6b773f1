using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Text;

namespace DynLang.Core.Emit.Torch.Pinn;

/// <summary>
/// The class <c>{Model}Pinn</c>: the domain (lengths per axis: the grid's cell count and dx are a
/// discretisation, the PINN's coordinates are continuous), the parameters (host and tensors),
/// <c>Residuals</c> (one PDE residual per equation), then the side, periodic and initial methods
/// (<see cref="PinnBoundaryEmitter"/>) and the helpers (<see cref="PinnHelpers"/>).
/// </summary>
internal sealed class PinnClassEmitter
{
    private readonly BoundModel _bound;
    private readonly KernelModel _model;
    private readonly SourceText _source;
    private readonly FieldProgram _program;
    private readonly PinnSignature _signature;

    public PinnClassEmitter(BoundModel bound, KernelModel model, SourceText source)
    {
        _bound = bound;
        _model = model;
        _source = source;
        _program = model.Field!;
        _signature = new PinnSignature(_program.Dims, bound.States.Select(s => s.Name).ToList());
    }

    private string Class => PinnEmitter.ClassName(_model);

    private int Dims => _program.Dims;

    public void Emit(CodeWriter w)
    {
        string sides = string.Join(", ", Enumerable.Range(0, Dims).Select(a => $"{PinnNames.Axis(a)} in [0, {PinnNames.Length(a)}]"));
        w.Doc("summary", $"Physics-informed residuals of field {_model.Name} ({ParametersEmitter.FileName(_model)}, line {_model.Line}) on the domain {sides}, by TorchSharp autograd.");
        w.Doc("remarks", "Residuals(t, x…, outputs…) gives ∂s/∂t − rhs per equation with each spatial operator in its continuous form; " +
                         "the Boundary… and Periodic… methods one residual per declared side; Initial the initial condition. " +
                         "Every result keeps its autograd graph (create_graph), so a loss of them back-propagates into the network and into ParameterTensors. See docs/pinn.md.");
        using (w.Block($"public sealed partial class {Class}"))
        {
            EmitConstructors(w);
            EmitProperties(w);
            EmitResiduals(w);
            new PinnBoundaryEmitter(_bound, _model, _signature).Emit(w);
            PinnHelpers.Emit(w, Class);
        }
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        var lengths = Enumerable.Range(0, Dims).Select(PinnNames.LengthArgument).ToList();
        string lengthList = string.Join(", ", lengths.Select(l => "double " + l));
        string lengthArgs = string.Join(", ", lengths);
        w.Doc("summary", $"The residuals with the default parameters on the domain [0, {string.Join("] × [0, ", lengths)}] (SI), tensors on <paramref name=\"device\"/> (null: the CPU).");
        w.Line($"public {Class}({lengthList}, Device? device = null) : this({lengthArgs}, new {parameters}(), device) {{ }}");
        w.Line();
        w.Doc("summary", $"The residuals with the given parameters on the domain [0, {string.Join("] × [0, ", lengths)}] (SI), tensors on <paramref name=\"device\"/> (null: the CPU).");
        w.Doc("exception", "A length is not positive and finite.", "cref=\"ArgumentOutOfRangeException\"");
        using (w.Block($"public {Class}({lengthList}, {parameters} parameters, Device? device = null)"))
        {
            for (int axis = 0; axis < Dims; axis++)
                w.Line($"{PinnNames.Length(axis)} = __Length({lengths[axis]}, nameof({lengths[axis]}));");
            w.Line("Parameters = parameters;");
            w.Line("Device = device ?? torch.CPU;");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        for (int axis = 0; axis < Dims; axis++)
        {
            w.Doc("summary", $"The domain's length along {PinnNames.Axis(axis)}: the low side is at {PinnNames.Axis(axis)} = 0, the high side at {PinnNames.Axis(axis)} = {PinnNames.Length(axis)}.");
            w.Line($"public double {PinnNames.Length(axis)} {{ get; }}");
            w.Line();
        }
        w.Doc("summary", "The device every tensor argument must be on.");
        w.Line("public Device Device { get; }");
        w.Line();
        w.Doc("summary", "The element type every tensor argument must have (from the model's precision).");
        w.Line($"public ScalarType DType => {(_model.Precision == Precision.Float ? "ScalarType.Float32" : "ScalarType.Float64")};");
        w.Line();
        w.Doc("summary", "The parameters (SI units), used where ParameterTensors has no entry.");
        w.Line($"public {ParametersEmitter.TypeName(_model)} Parameters {{ get; set; }}");
        w.Line();
        w.Doc("summary", "Parameters as 0-dimensional tensors (null entries use Parameters); give one requires_grad to learn it.");
        w.Line($"public {CSharpNames.TypeName(_model.Name)}ParameterTensors ParameterTensors {{ get; }} = new();");
        w.Line();
        w.Doc("summary", "When true (the default), the side methods check that their points lie on the side (one item() per call).");
        w.Line("public bool CheckPoints { get; set; } = true;");
        w.Line();
    }

    private void EmitResiduals(CodeWriter w)
    {
        var states = _bound.States;
        w.Doc("summary", "The PDE residual of each equation at the points, in the order the states are declared: " +
                         string.Join("; ", states.Select(s => $"∂{s.Name}/∂t − rhs")) + ".");
        _signature.Docs(w, "", "the collocation points (inside the domain)");
        w.Doc("returns", "One tensor per equation, of the points' shape, carrying the autograd graph.");
        w.Doc("exception", "A tensor has another shape than t, another dtype or device, or a coordinate does not require grad (the message names it).", "cref=\"ArgumentException\"");
        using (w.Block($"public Tensor[] Residuals({_signature.Parameters()})"))
        {
            _signature.Checks(w, "", "t", Enumerable.Range(0, Dims + 1).ToList());
            var roots = states.Select(s => s.Equation!.Rhs).ToList();
            var used = roots.Concat(BoundWalker.RequiredDefinitions(roots).Where(d => d.Value is not null).Select(d => d.Value))
                .SelectMany(BoundWalker.ReferencedSymbols).OfType<ParameterSymbol>().Select(p => p.Name);
            PinnSignature.ParameterLocals(w, _model, used);
            var writer = new PinnExpressionWriter(w, Dims);
            var results = new List<string>();
            var lines = new SourceLines(_source);
            foreach (var state in states)
            {
                var equation = state.Equation!;
                w.Line($"// {OneLine(_source.Slice(equation.Syntax.Span))} (line {lines.LineOf(equation.Syntax.Span.Start)})");
                string rhs = writer.Tensor(equation.Rhs);
                string residual = "__r_" + state.Name;
                w.Line($"Tensor {residual} = __D({PinnNames.State(state.Name)}, t) - {rhs};");
                results.Add(residual);
            }
            w.Line($"return new Tensor[] {{ {string.Join(", ", results)} }};");
        }
        w.Line();
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
}
