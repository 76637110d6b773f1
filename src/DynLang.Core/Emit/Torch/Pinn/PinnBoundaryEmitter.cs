using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch.Pinn;

/// <summary>
/// The side methods of <c>{Model}Pinn</c>, one per declared side: <c>Boundary{Side}</c> for
/// dirichlet (s − value: the value holds on the wall; the stencil's "one spacing outside" is a
/// discretisation) and neumann (the outward normal derivative, zero for zero flux);
/// <c>Periodic{Axis}</c> per periodic axis (values and first derivatives equal at both ends); and
/// <c>Initial</c> (s − s₀ at t = 0).
/// </summary>
internal sealed class PinnBoundaryEmitter
{
    private readonly BoundModel _bound;
    private readonly KernelModel _model;
    private readonly FieldProgram _program;
    private readonly PinnSignature _signature;

    public PinnBoundaryEmitter(BoundModel bound, KernelModel model, PinnSignature signature)
    {
        _bound = bound;
        _model = model;
        _program = model.Field!;
        _signature = signature;
    }

    private IReadOnlyList<StateSymbol> States => _bound.States;

    public void Emit(CodeWriter w)
    {
        for (int axis = 0; axis < _program.Dims; axis++)
        {
            if (_program.Low[axis].Kind == FieldBoundaryKind.Periodic)
            {
                EmitPeriodic(w, axis);
                continue;
            }
            EmitSide(w, axis, low: true, _program.Low[axis]);
            EmitSide(w, axis, low: false, _program.High[axis]);
        }
        EmitInitial(w);
    }

    private void EmitSide(CodeWriter w, int axis, bool low, FieldBoundary boundary)
    {
        string a = PinnNames.Axis(axis);
        string at = low ? "0" : PinnNames.Length(axis);
        string coordinate = _signature.Coordinates()[axis + 1];
        bool dirichlet = boundary.Kind == FieldBoundaryKind.Dirichlet;
        string what = dirichlet
            ? "dirichlet: s − value, the value the model gives the side"
            : $"neumann (zero flux): the outward normal derivative, {(low ? "−" : "+")}∂s/∂{a}";
        w.Doc("summary", $"The residual on the {PinnNames.SideWord(axis, low).ToLowerInvariant()} side ({a} = {at}), one per state: {what}.");
        _signature.Docs(w, "", $"the points on the side ({a} = {at})");
        w.Doc("returns", "One tensor per state, of the points' shape.");
        w.Doc("exception", $"A tensor has another shape than t, another dtype or device{(dirichlet ? "" : $", {coordinate} does not require grad")}, or (with CheckPoints) a point is off the side.", "cref=\"ArgumentException\"");
        using (w.Block($"public Tensor[] {PinnNames.Side(axis, low)}({_signature.Parameters()})"))
        {
            _signature.Checks(w, "", "t", dirichlet ? new int[0] : new[] { axis + 1 });
            w.Line($"__OnSide({coordinate}, {(low ? "0.0" : PinnNames.Length(axis))}, {PinnNames.Length(axis)}, nameof({coordinate}));");
            if (dirichlet)
            {
                PinnSignature.ParameterLocals(w, _model, PinnSignature.ParametersRead(boundary.Value));
                w.Line($"Tensor __value = {PinnSignature.Declared(boundary.Value)};");
            }
            var results = _signature.Outputs().Select(s => dirichlet
                ? $"{s} - __value"
                : low ? $"__D({s}, {coordinate}).neg()" : $"__D({s}, {coordinate})");
            w.Line($"return new Tensor[] {{ {string.Join(", ", results)} }};");
        }
        w.Line();
    }

    private void EmitPeriodic(CodeWriter w, int axis)
    {
        string a = PinnNames.Axis(axis);
        string low = _signature.Coordinates("Low")[axis + 1], high = _signature.Coordinates("High")[axis + 1];
        w.Doc("summary", $"The periodicity residual along {a}, per state two tensors: s(low) − s(high), then ∂s/∂{a}(low) − ∂s/∂{a}(high); " +
                         $"the low points at {a} = 0 and the high points at {a} = {PinnNames.Length(axis)} are matched one to one (same t and other coordinates).");
        _signature.Docs(w, "Low", $"the points on the low side ({a} = 0)");
        _signature.Docs(w, "High", $"the points on the high side ({a} = {PinnNames.Length(axis)}), matched one to one with the low ones");
        w.Doc("returns", $"2 tensors per state, in state order: the value difference, then the derivative difference.");
        w.Doc("exception", $"A tensor has another shape than tLow, another dtype or device, {low} or {high} does not require grad, or (with CheckPoints) a point is off its side.", "cref=\"ArgumentException\"");
        using (w.Block($"public Tensor[] {PinnNames.Periodic(axis)}({_signature.Parameters("Low")}, {_signature.Parameters("High")})"))
        {
            _signature.Checks(w, "Low", "tLow", new[] { axis + 1 });
            _signature.Checks(w, "High", "tLow", new[] { axis + 1 });
            w.Line($"__OnSide({low}, 0.0, {PinnNames.Length(axis)}, nameof({low}));");
            w.Line($"__OnSide({high}, {PinnNames.Length(axis)}, {PinnNames.Length(axis)}, nameof({high}));");
            var lows = _signature.Outputs("Low");
            var highs = _signature.Outputs("High");
            var results = lows.Zip(highs, (l, h) => $"{l} - {h}, __D({l}, {low}) - __D({h}, {high})");
            w.Line($"return new Tensor[] {{ {string.Join(", ", results)} }};");
        }
        w.Line();
    }

    private void EmitInitial(CodeWriter w)
    {
        var initials = States.Select(s => _model.Arrays.FirstOrDefault(x => x.Role == ArrayRole.State && x.Name == s.Name)?.Initial).ToList();
        var given = States.Select(s => PinnNames.InitialValues(s.Name)).ToList();
        w.Doc("summary", "The initial-condition residual, one per state: s − s₀, with s₀ the given values at the points, or (null) the state's declared initial value. " +
                         "Evaluate the network at t = 0; t is read for its shape only.");
        _signature.Docs(w, "", "the points at t = 0");
        for (int k = 0; k < States.Count; k++)
            w.Doc("param", $"Values of {States[k].Name} at the points (any shape that broadcasts to theirs; the model's dtype and device), or null for the declared initial value.", $"name=\"{given[k]}\"");
        w.Doc("returns", "One tensor per state, of the points' shape.");
        w.Doc("exception", "A tensor has another shape than t (the given values: another dtype or device).", "cref=\"ArgumentException\"");
        string optional = string.Join(", ", given.Select(g => $"Tensor? {g} = null"));
        using (w.Block($"public Tensor[] Initial({_signature.Parameters()}, {optional})"))
        {
            _signature.Checks(w, "", "t", new int[0]);
            foreach (var g in given) w.Line($"if ({g} is not null) __CheckValues({g}, nameof({g}));");
            // Declared values read their parameters inline, so an unset parameter matters only where its value is used.
            var outputs = _signature.Outputs();
            var results = outputs.Select((s, k) => $"{s} - ({given[k]} ?? {PinnSignature.Declared(initials[k], inline: true)})");
            w.Line($"return new Tensor[] {{ {string.Join(", ", results)} }};");
        }
        w.Line();
    }
}
