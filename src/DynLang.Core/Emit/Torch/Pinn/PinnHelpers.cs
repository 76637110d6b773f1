namespace DynLang.Core.Emit.Torch.Pinn;

/// <summary>
/// The private helpers of <c>{Model}Pinn</c>: the pointwise derivative by autograd, and the argument
/// checks (with the Torch classes' messages: what was expected, what was found, the argument named).
/// </summary>
internal static class PinnHelpers
{
    public static void Emit(CodeWriter w, string className)
    {
        w.Line("// ∂e/∂a at every point: the vector-Jacobian product with ones, which is the pointwise derivative");
        w.Line("// because each value depends on its own point only (a network applied point by point). Adding 0·a");
        w.Line("// makes e depend on a, so an e that does not read a (a constant) gets the derivative 0, not an error.");
        w.Line("// create_graph keeps the result differentiable (second derivatives; the loss's gradient with respect to");
        w.Line("// the network); retain_graph keeps e's graph for the next derivative of it.");
        using (w.Block("private static Tensor __D(Tensor e, Tensor a)"))
        {
            w.Line("Tensor f = e + a * 0.0;");
            w.Line("return torch.autograd.grad(new[] { f }, new[] { a }, new[] { torch.ones_like(f) }, retain_graph: true, create_graph: true)[0];");
        }
        w.Line();
        w.Line("private Tensor __T(double value) => torch.tensor(value, dtype: DType, device: Device);");
        w.Line();
        w.Line("private Tensor __B(bool value) => torch.tensor(value, device: Device);");
        w.Line();
        TorchElementwiseEmitter.EmitSharedHelpers(w, own: false);
        w.Line("// A tensor argument: the shape of the call's first t, the model's dtype and device; a coordinate that is differentiated along requires grad.");
        using (w.Block("private void __Check(Tensor value, Tensor reference, string name, bool grad = false)"))
        {
            w.Line("if (value is null) throw new ArgumentNullException(name);");
            w.Line("if (reference is null) throw new ArgumentNullException(\"t\");");
            w.Line("bool shapeOk = global::System.Linq.Enumerable.SequenceEqual(value.shape, reference.shape);");
            w.Line("if (!(shapeOk && value.dtype == DType && __SameDevice(value)))");
            w.Line($"    throw new ArgumentException($\"{className}.{{name}}: expected a tensor of shape [{{string.Join(\", \", reference.shape)}}] (the points' shape), dtype {{DType}}, device {{Device}}; found shape [{{string.Join(\", \", value.shape)}}], dtype {{value.dtype}}, device {{value.device}}.\", name);");
            w.Line("if (grad && !value.requires_grad)");
            w.Line($"    throw new ArgumentException($\"{className}.{{name}}: the residual differentiates along this coordinate, so it must require grad: call requires_grad_(true) on it before evaluating the network.\", name);");
        }
        w.Line();
        w.Line("// Given values (an initial state): the model's dtype and device; the shape only has to broadcast.");
        using (w.Block("private void __CheckValues(Tensor value, string name)"))
        {
            w.Line("if (value.dtype == DType && __SameDevice(value)) return;");
            w.Line($"throw new ArgumentException($\"{className}.{{name}}: expected a tensor of dtype {{DType}}, device {{Device}}; found dtype {{value.dtype}}, device {{value.device}}.\", name);");
        }
        w.Line();
        w.Line("// The coordinate normal to a side must be at the side: a point off it would make the residual of another place.");
        using (w.Block("private void __OnSide(Tensor coordinate, double side, double length, string name)"))
        {
            w.Line("if (!CheckPoints || coordinate.numel() == 0) return;");
            w.Line("double off;");
            w.Line("using (torch.no_grad()) off = (coordinate - side).abs().max().item<double>();");
            w.Line("if (!(off <= 1e-9 * length))");
            w.Line($"    throw new ArgumentException($\"{className}.{{name}}: the points must lie on the side {{name.Substring(0, 1)}} = {{side:G6}}; the farthest is {{off:G6}} away (set CheckPoints = false to skip this check).\", name);");
        }
        w.Line();
        using (w.Block("private static double __Length(double value, string name)"))
        {
            w.Line("if (double.IsFinite(value) && value > 0) return value;");
            w.Line($"throw new ArgumentOutOfRangeException(name, value, \"{className}: a domain length must be positive and finite.\");");
        }
        w.Line();
        using (w.Block("private Tensor __Parameter(Tensor? value, double fallback, string name)"))
        {
            using (w.Block("if (value is null)"))
            {
                w.Line($"if (double.IsNaN(fallback)) throw new InvalidOperationException($\"{className}: parameter {{name}} has no default; set Parameters.{{name}} or ParameterTensors.{{name}}.\");");
                w.Line("return __T(fallback);");
            }
            w.Line("if (value.dim() == 0 && value.dtype == DType && __SameDevice(value)) return value;");
            w.Line($"throw new ArgumentException($\"{className}.ParameterTensors.{{name}}: expected a tensor of shape [], dtype {{DType}}, device {{Device}}; found shape [{{string.Join(\", \", value.shape)}}], dtype {{value.dtype}}, device {{value.device}}.\", name);");
        }
    }
}
