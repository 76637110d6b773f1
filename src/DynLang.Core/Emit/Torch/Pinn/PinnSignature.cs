using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Torch.Pinn;

/// <summary>
/// The argument lists of the generated methods and the checks at their top: points (t, x[, y[, z]])
/// then one network output per state, every tensor of the shape of the first t, the model's dtype
/// and device; coordinates that a method differentiates along must require grad.
/// </summary>
internal sealed class PinnSignature
{
    private readonly int _dims;
    private readonly IReadOnlyList<string> _states;

    public PinnSignature(int dims, IReadOnlyList<string> states)
    {
        _dims = dims;
        _states = states;
    }

    public IReadOnlyList<string> Coordinates(string suffix = "") => PinnNames.Coordinates(_dims).Select(c => c + suffix).ToList();

    public IReadOnlyList<string> Outputs(string suffix = "") => _states.Select(s => PinnNames.State(s) + suffix).ToList();

    /// <summary>"Tensor t, Tensor x, Tensor T" (with a suffix: "Tensor tLow, …").</summary>
    public string Parameters(string suffix = "") =>
        string.Join(", ", Coordinates(suffix).Concat(Outputs(suffix)).Select(n => "Tensor " + n));

    /// <summary>
    /// The checks of one group of points: each tensor against <paramref name="reference"/> (the
    /// first t of the call); <paramref name="gradients"/>: the coordinates (0 t, 1 x, …) that must require grad.
    /// </summary>
    public void Checks(CodeWriter w, string suffix, string reference, ICollection<int> gradients)
    {
        var coordinates = Coordinates(suffix);
        for (int k = 0; k < coordinates.Count; k++)
            w.Line($"__Check({coordinates[k]}, {reference}, nameof({coordinates[k]}){(gradients.Contains(k) ? ", grad: true" : "")});");
        foreach (var output in Outputs(suffix)) w.Line($"__Check({output}, {reference}, nameof({output}));");
    }

    /// <summary>XML docs of the point and output arguments; <paramref name="points"/> names them ("the collocation points").</summary>
    public void Docs(CodeWriter w, string suffix, string points)
    {
        var coordinates = Coordinates(suffix);
        w.Doc("param", $"Times of {points} (SI), any shape; every other tensor of the group has this shape.", $"name=\"{coordinates[0]}\"");
        for (int k = 1; k < coordinates.Count; k++)
            w.Doc("param", $"{PinnNames.Axis(k - 1)} coordinates of {points}.", $"name=\"{coordinates[k]}\"");
        var outputs = Outputs(suffix);
        for (int k = 0; k < outputs.Count; k++)
            w.Doc("param", $"The network's output for state {_states[k]} at {points} (computed from these tensors).", $"name=\"{outputs[k]}\"");
    }

    /// <summary>One tensor local per parameter the expressions read, from ParameterTensors or Parameters.</summary>
    public static void ParameterLocals(CodeWriter w, KernelModel model, IEnumerable<string> used)
    {
        var names = new HashSet<string>(used);
        foreach (var parameter in model.Parameters.Where(p => names.Contains(p.Name)))
        {
            w.Line($"Tensor {PinnNames.Parameter(parameter.Name)} = {Fetch(parameter.Name)};");
        }
    }

    /// <summary>The parameters an IR expression (an initial or boundary value) reads.</summary>
    public static IEnumerable<string> ParametersRead(IrExpr? expr) =>
        expr is null ? Enumerable.Empty<string>() : IrWalker.References(expr).Where(r => r.Kind == SlotKind.Uniform).Select(r => r.Name);

    /// <summary>Prints a declaration's IR (parameters, constants) as a tensor expression.</summary>
    /// <param name="expr">The IR; null is 0.</param>
    /// <param name="inline">Parameters as <c>__Parameter(…)</c> calls rather than the locals of <see cref="ParameterLocals"/>.</param>
    public static string Declared(IrExpr? expr, bool inline = false)
    {
        var printer = new TorchPrinter(r => new TorchCode(r.Kind != SlotKind.Uniform ? r.Name
            : inline ? Fetch(r.Name) : PinnNames.Parameter(r.Name), true));
        return expr is null ? "__T(0.0)" : printer.Tensor(expr);
    }

    /// <summary>A parameter as a tensor: its ParameterTensors entry, else its value in Parameters.</summary>
    private static string Fetch(string parameter)
    {
        string id = CSharpNames.Identifier(parameter);
        return $"__Parameter(ParameterTensors.{id}, Parameters.{id}, {CSharpNames.StringLiteral(parameter)})";
    }
}
