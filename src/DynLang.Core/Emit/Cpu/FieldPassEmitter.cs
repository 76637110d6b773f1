using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Emits one pass of a field's step as a method over a range of grid lines (a line is a row of
/// cells along x, the fastest axis). Boundaries cost no branch in the inner loop: loops are split.
/// Interior cells of interior lines read their neighbours directly, with <c>Vector&lt;T&gt;</c>
/// along x and a scalar tail; the cells within the stencil radius of an edge (the first and last
/// cells of each line, and whole lines at the edges of y and z) read through <c>__At</c>, which maps
/// a cell outside the grid by the boundary conditions. All three paths print the same IR, so they
/// compute the same bits (no fused multiply-add anywhere).
/// </summary>
internal sealed class FieldPassEmitter
{
    private static readonly string[] Axes = { "x", "y", "z" };

    private readonly FieldProgram _program;
    private readonly NumericType _t;
    private readonly string _path;
    private readonly IReadOnlyList<string> _uniforms;
    private readonly MathMode _math;

    public FieldPassEmitter(FieldProgram program, NumericType type, string path, IReadOnlyList<string> uniforms, MathMode math = MathMode.Platform)
    {
        _program = program;
        _t = type;
        _path = path;
        _uniforms = uniforms;
        _math = math;
    }

    private int R => System.Math.Max(1, _program.Radius);

    public void Emit(CodeWriter w, int index, FieldSweep pass)
    {
        var loads = pass.Locals.SelectMany(l => Loads(l.Value)).Distinct(LoadComparer.Instance).ToList();
        var arrays = loads.Select(l => l.Array).Concat(pass.Stores.Select(s => s.Array)).Distinct().ToList();
        w.Doc("summary", $"Pass {index} ({pass.Comment}) over the grid lines [__start, __end).");
        HotPath.Mark(w);
        using (w.Block($"private void Pass{index}(int __start, int __end)"))
        {
            w.Line("__Uniforms __uniforms = __u;");
            foreach (var name in _uniforms) w.Line($"{_t.Name} {CSharpNames.Identifier(name)} = __uniforms.{CSharpNames.Identifier(name)};");
            w.Line("int __nx = this.__nx, __ny = this.__ny, __nz = this.__nz;");
            w.Line("_ = __ny; _ = __nz;");
            foreach (var array in arrays) w.Line($"{_t.Name}[] {array}__a = {array}__data;");
            using (w.Block("for (int __line = __start; __line < __end; __line++)"))
            {
                w.Line("int __cy = __line % __ny, __cz = __line / __ny;");
                w.Line("int __row = __line * __nx;");
                var interior = new List<string>();
                if (_program.Dims >= 2) interior.Add($"__cy >= {R} && __cy < __ny - {R}");
                if (_program.Dims >= 3) interior.Add($"__cz >= {R} && __cz < __nz - {R}");
                if (interior.Count > 0)
                {
                    w.Line("// Lines within the stencil radius of a y or z edge: every cell reads through __At.");
                    using (w.Block($"if (!({string.Join(" && ", interior)}))"))
                    {
                        using (w.Block("for (int __cx = 0; __cx < __nx; __cx++)")) EmitEdgeCell(w, pass, loads);
                        w.Line("continue;");
                    }
                }
                w.Line("// The first cells of the line (x edge).");
                using (w.Block($"for (int __cx = 0; __cx < {R}; __cx++)")) EmitEdgeCell(w, pass, loads);
                w.Line($"int __x = {R};");
                w.Line("// Interior cells: neighbours read directly, Vector<T> lanes along x.");
                using (w.Block("if (Vector.IsHardwareAccelerated)"))
                {
                    foreach (var array in arrays) w.Line($"ref {_t.Name} {array}__ref = ref MemoryMarshal.GetArrayDataReference({array}__a);");
                    foreach (var name in _uniforms) w.Line($"var {UniformVector(name)} = new {_t.Vector}({CSharpNames.Identifier(name)});");
                    using (w.Block($"for (; __x <= __nx - {R} - {_t.Vector}.Count; __x += {_t.Vector}.Count)"))
                    {
                        w.Line("int __i = __row + __x;");
                        EmitVectorCell(w, pass, loads);
                    }
                }
                using (w.Block($"for (; __x < __nx - {R}; __x++)"))
                {
                    w.Line("int __i = __row + __x;");
                    EmitInteriorCell(w, pass, loads);
                }
                w.Line("// The last cells of the line (x edge).");
                using (w.Block($"for (int __cx = System.Math.Max({R}, __nx - {R}); __cx < __nx; __cx++)")) EmitEdgeCell(w, pass, loads);
            }
        }
        w.Line();
    }

    private void EmitEdgeCell(CodeWriter w, FieldSweep pass, List<IrLoad> loads)
    {
        w.Line("int __i = __row + __cx;");
        foreach (var load in loads)
        {
            string text = load.Indices.Count == 0
                ? $"{load.Array}__a[__i]"
                : $"__At({load.Array}__a, {Coordinate(load, 0)}, {Coordinate(load, 1)}, {Coordinate(load, 2)})";
            w.Line($"{_t.Name} {LoadLocal(load)} = {text};");
        }
        EmitScalarBody(w, pass);
    }

    private void EmitInteriorCell(CodeWriter w, FieldSweep pass, List<IrLoad> loads)
    {
        foreach (var load in loads) w.Line($"{_t.Name} {LoadLocal(load)} = {load.Array}__a[__i{FlatOffset(load)}];");
        EmitScalarBody(w, pass);
    }

    private void EmitScalarBody(CodeWriter w, FieldSweep pass)
    {
        var printer = new ScalarPrinter(_t, r => CSharpNames.Identifier(r.Name), l => LoadLocal(l)) { MathMode = _math };
        foreach (var local in pass.Locals)
        {
            LineDirective(w, local.Line);
            w.Line($"{_t.Name} {CSharpNames.Identifier(local.Target)} = {printer.Print(local.Value)};");
            if (local.Line > 0) w.Directive("#line default");
        }
        foreach (var (array, local) in pass.Stores) w.Line($"{array}__a[__i] = {CSharpNames.Identifier(local)};");
    }

    private void EmitVectorCell(CodeWriter w, FieldSweep pass, List<IrLoad> loads)
    {
        foreach (var load in loads)
            w.Line($"var {LoadLocal(load)} = Vector.LoadUnsafe(ref {load.Array}__ref, (nuint)(__i{FlatOffset(load)}));");
        var printer = new VectorPrinter(_t,
            r => r.Kind == SlotKind.Uniform ? UniformVector(r.Name) : CSharpNames.Identifier(r.Name),
            c => $"new {_t.Vector}({_t.Literal(c)})") { MathMode = _math };
        foreach (var local in pass.Locals)
        {
            LineDirective(w, local.Line);
            w.Line($"var {CSharpNames.Identifier(local.Target)} = {printer.Print(ReplaceLoads(local.Value))};");
            if (local.Line > 0) w.Directive("#line default");
        }
        foreach (var (array, local) in pass.Stores) w.Line($"{CSharpNames.Identifier(local)}.StoreUnsafe(ref {array}__ref, (nuint)__i);");
    }

    /// <summary>x + offset along an axis (or the axis's own coordinate, 0 for absent axes).</summary>
    private string Coordinate(IrLoad load, int axis)
    {
        if (axis >= _program.Dims) return "0";
        string name = Axes[axis], variable = "__c" + name;
        int offset = load.Indices.FirstOrDefault(i => i.LoopVariable == name)?.Offset ?? 0;
        return offset == 0 ? variable : $"{variable} {(offset > 0 ? "+" : "-")} {System.Math.Abs(offset)}";
    }

    /// <summary>" + 1", " - __nx", " + 2 * __nx * __ny" or "" for the flat offset of a load.</summary>
    private static string FlatOffset(IrLoad load)
    {
        var text = new System.Text.StringBuilder();
        foreach (var index in load.Indices)
        {
            string stride = index.LoopVariable switch { "x" => "", "y" => "__nx", _ => "__nx * __ny" };
            int magnitude = System.Math.Abs(index.Offset);
            string term = stride.Length == 0 ? magnitude.ToString() : magnitude == 1 ? stride : $"{magnitude} * {stride}";
            text.Append(index.Offset > 0 ? " + " : " - ").Append(term);
        }
        return text.ToString();
    }

    /// <summary>The local holding a load: u, u__xm1 (x − 1), u__yp1 (y + 1).</summary>
    internal static string LoadLocal(IrLoad load) =>
        load.Array + "__" + (load.Indices.Count == 0 ? "c" : string.Concat(load.Indices.Select(i => i.LoopVariable + (i.Offset < 0 ? "m" : "p") + System.Math.Abs(i.Offset))));

    private static string UniformVector(string name) => name + "__v";

    private static IEnumerable<IrLoad> Loads(IrExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrLoad load => new[] { load },
        IrUnary u => Loads(u.Operand),
        IrBinary b => Loads(b.Left).Concat(Loads(b.Right)),
        IrCall c => c.Arguments.SelectMany(Loads),
        IrSelect s => Loads(s.Condition).Concat(Loads(s.WhenTrue)).Concat(Loads(s.WhenFalse)),
        _ => Enumerable.Empty<IrLoad>(),
    };

    /// <summary>Loads become references to their locals (the vector printer prints no loads).</summary>
    private static IrExpr ReplaceLoads(IrExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrLoad load => new IrRef(LoadLocal(load), SlotKind.Local),
        IrUnary u => u with { Operand = ReplaceLoads(u.Operand) },
        IrBinary b => b with { Left = ReplaceLoads(b.Left), Right = ReplaceLoads(b.Right) },
        IrCall c => c with { Arguments = c.Arguments.Select(ReplaceLoads).ToList() },
        IrSelect s => new IrSelect(ReplaceLoads(s.Condition), ReplaceLoads(s.WhenTrue), ReplaceLoads(s.WhenFalse)),
        _ => expr,
    };

    private void LineDirective(CodeWriter w, int line)
    {
        if (line > 0) w.Directive($"#line {line} \"{_path}\"");
    }

    private sealed class LoadComparer : IEqualityComparer<IrLoad>
    {
        public static readonly LoadComparer Instance = new();

        public bool Equals(IrLoad? a, IrLoad? b) => a is not null && b is not null && LoadLocal(a) == LoadLocal(b);

        public int GetHashCode(IrLoad load) => LoadLocal(load).GetHashCode();
    }
}
