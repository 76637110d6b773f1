using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Emits the class of a field model (<c>{Model}Field</c>): one array per state, row-major over
/// (z, y, x) with x fastest, sizes given to the constructor, and <c>Step(dt)</c> running the
/// solver's passes (<see cref="FieldPassEmitter"/>) — over all cores through the worker pool
/// when the grid is large — then swapping the new values in. Step checks the time step against
/// the solver's stability bound first (diffusion and CFL numbers) unless
/// <c>CheckStability</c> is false, so an unstable step throws instead of filling the grid with NaN.
/// </summary>
internal sealed class FieldEmitter
{
    private static readonly string[] SizeNames = ClassDescriptions.GridSizes;

    private readonly KernelModel _model;
    private readonly FieldProgram _program;
    private readonly NumericType _t;
    private readonly string _path;

    public FieldEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Field!;
        _t = NumericType.For(model.Precision);
        _path = model.SourcePath.Replace("\"", "");
        _class = ClassDescriptions.For(model);
    }

    private readonly GeneratedClass _class;

    public static string ClassName(KernelModel model) => CSharpNames.TypeName(model.Name) + "Field";

    private string Class => ClassName(_model);

    /// <summary>Cells a stencil spans along an axis: the smallest grid size the boundaries can be applied to.</summary>
    private int MinimumSize => 2 * _program.Radius + 1;

    private string Axes => string.Join(", ", SizeNames.Take(_program.Dims).Select(n => n.Substring(1)));

    public void Emit(CodeWriter w)
    {
        w.Doc("summary", $"{_class.What} ({_class.Origin}) on a {_program.Dims}D grid, integrated with solver {_model.Solver}.");
        var remarks = ClassPrinter.EquationRemarks(_class).ToList();
        remarks.Add($"Solver {_model.Solver}: {_model.SolverReason}");
        remarks.Add("Boundaries: " + string.Join("; ", Enumerable.Range(0, _program.Dims).Select(a =>
            $"{"xyz"[a]}: {Describe(_program.Low[a])} below, {Describe(_program.High[a])} above")) + ".");
        remarks.Add("Arrays are row-major over (" + string.Join(", ", new[] { "z", "y", "x" }.Skip(3 - _program.Dims)) + "), x fastest. Step swaps arrays: take a state's Span after Step, not before.");
        w.Doc("remarks", string.Join("\n", remarks));
        using (w.Block($"public sealed partial class {Class} : IRangeKernel"))
        {
            w.Doc("summary", "Cells above which a pass is spread over all cores.");
            w.Line("private const long ParallelWork = 32768;");
            w.Line();
            ClassPrinter.SizeFields(w, _class);
            w.Line("// Not readonly: Step swaps each state's array with its new-value array.");
            foreach (var array in _class.Arrays) w.Line($"private {_t.Name}[] {array.Name}__data;");
            w.Line("private __Uniforms __u;");
            StepGuardEmission.EmitField(w);
            w.Line("private int __pass;");
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            EmitReset(w);
            EmitStep(w);
            FiniteGuardEmission.EmitMembers(w, Class, _program.States.Select(s => (s, s + "__data")));
            EmitAt(w);
            var passes = new FieldPassEmitter(_program, _t, _path, UniformNames(), _model.MathMode);
            for (int k = 0; k < _program.Sweeps.Count; k++) passes.Emit(w, k, _program.Sweeps[k]);
            EmitUniformsStruct(w);
        }
    }

    private static string Describe(FieldBoundary boundary) => boundary.Kind switch
    {
        FieldBoundaryKind.Periodic => "periodic",
        FieldBoundaryKind.Neumann => "neumann (no flux)",
        _ => "dirichlet",
    };

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        string cells = string.Join(" × ", _class.Sizes.Select(s => s.Name));
        w.Doc("summary", $"Creates the field with the default parameters on a grid of {cells} cells.");
        w.Line($"public {Class}({_class.SizeParameterList}) : this({_class.SizeArgumentList}, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", $"Creates the field with the given parameters on a grid of {cells} cells.");
        ClassPrinter.SizeChecksDoc(w, _class);
        using (w.Block($"public {Class}({_class.SizeParameterList}, {parameters} parameters)"))
        {
            ClassPrinter.SizeChecks(w, _class);
            w.Line("Parameters = parameters;");
            foreach (var array in _class.Arrays) w.Line($"{array.Name}__data = new {_t.Name}[{array.Length}];");
            w.Line("Reset();");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        ClassPrinter.TimeProperties(w, _class);
        w.Line();
        w.Doc("summary", "When true (the default), Step throws if dt is beyond the solver's stability bound (diffusion number, CFL number); set false to step anyway.");
        w.Line("public bool CheckStability { get; set; } = true;");
        ClassPrinter.SizeProperties(w, _class);
        foreach (var array in _class.States)
        {
            w.Line();
            w.Doc("summary", $"State {array.Name} ({array.Unit}; line {array.Line}), one value per cell, row-major, x fastest.");
            w.Line($"public Span<{_t.Name}> {CSharpNames.Identifier(array.Name)} => {array.Name}__data;");
            string args = string.Join(", ", Enumerable.Range(0, _program.Dims).Select(a => $"int {"xyz"[a]}"));
            string flat = _program.Dims switch { 1 => "x", 2 => "y * __nx + x", _ => "(z * __ny + y) * __nx + x" };
            w.Line();
            w.Doc("summary", $"The value of {array.Name} at cell ({string.Join(", ", Enumerable.Range(0, _program.Dims).Select(a => "xyz"[a]))}).");
            w.Line($"public ref {_t.Name} {array.Name}At({args}) => ref {array.Name}__data[{flat}];");
        }
        w.Line();
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every cell of every state to its initial value (zero where none is written) and the time to zero.");
        using (w.Block("public void Reset()"))
        {
            ClassPrinter.InitialValueLocals(w, _class);
            var printer = ClassPrinter.HostPrinter();
            foreach (var state in _class.States)
                w.Line($"{state.Name}__data.AsSpan().Fill(({_t.Name})({ClassPrinter.InitialValue(state, printer)}));");
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    /// <summary>Uniform names the passes read (the description's uniform fields).</summary>
    private IReadOnlyList<string> UniformNames() => _class.Uniforms.Select(u => u.Name).ToList();

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", $"Advances the field by <paramref name=\"dt\"/> with solver {_model.Solver}.");
        w.Doc("exception", "dt is not a positive finite number, or (with CheckStability) beyond the stability bound.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "A parameter without a default is unset.", "cref=\"InvalidOperationException\"");
        StepExtras.EmitBeforeStep(w, _model);
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            var printer = ClassPrinter.HostPrinter();
            ClassPrinter.StepPrelude(w, _class, printer);
            EmitStabilityCheck(w, _model, printer);
            ClassPrinter.UniformInitializer(w, "__u = new __Uniforms", _class.Uniforms);
            w.Line("int __lines = __ny * __nz;");
            w.Line("// Whole lines per chunk, split evenly over the pool's threads (a few chunks each): a chunk rereads the rows");
            w.Line("// just outside it, so few long chunks read less twice. A stencil pass costs about a nanosecond per cell.");
            w.Line("var __pool = WorkerPool.Current;");
            w.Line("int __grain = __lines > 1 && (long)__nx * __lines >= ParallelWork ? __pool.ChunkSizeFor(__lines, __nx * 1.0, 1) : Math.Max(__lines, 1);");
            w.Line("bool __parallel = __grain < __lines;");
            for (int k = 0; k < _program.Sweeps.Count; k++)
            {
                w.Line($"// Pass {k}: {_program.Sweeps[k].Comment}");
                w.Line($"if (__parallel) {{ __pass = {k}; __pool.Run(this, __lines, __grain); }}");
                w.Line($"else Pass{k}(0, __lines);");
            }
            foreach (var (state, fresh) in _program.Swaps)
                w.Line($"({state}__data, {fresh}__data) = ({fresh}__data, {state}__data);");
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
            FiniteGuardEmission.EmitAfterStep(w);
        }
        w.Line();
        using (w.Block("void IRangeKernel.Execute(int start, int end)"))
        {
            using (w.Block("switch (__pass)"))
            {
                for (int k = 0; k < _program.Sweeps.Count; k++) w.Line($"case {k}: Pass{k}(start, end); break;");
                w.Line("default: break;");
            }
        }
        w.Line();
    }

    /// <summary>
    /// The run-time stability check of Step (shared with the ILGPU field class, so both throw the same
    /// exception with the same message): expects locals dt, the parameters and the program's uniforms.
    /// </summary>
    internal static void EmitStabilityCheck(CodeWriter w, KernelModel model, ScalarPrinter printer)
    {
        var program = model.Field!;
        if (program.Stability.Count == 0) return;
        string limit = NumericType.HostLiteral(program.DiffusionLimit);
        string limitText = program.DiffusionLimit.ToString("G6", CultureInfo.InvariantCulture);
        string dx = program.SpacingParameter is { } s ? CSharpNames.Identifier(s) : "1.0";
        w.Line("// Explicit steps are stable only below these bounds; beyond them the field grows without bound (then NaN).");
        using (w.Block("if (CheckStability)"))
        {
            int k = 0;
            foreach (var term in program.Stability)
            {
                string c = $"__c{k++}";
                w.Line($"double {c} = {printer.Print(term.Coefficient)};");
                if (term.IsDiffusion)
                {
                    w.Line($"if ({c} > 0 && {c} * dt / ({dx} * {dx}) > {limit})");
                    w.Line($"    throw new ArgumentOutOfRangeException(nameof(dt), dt, $\"{model.Name}: dt = {{dt:G6}} is beyond the stability bound of solver {model.Solver} for d{term.State}/dt: " +
                           $"the diffusion number D·dt/dx² = {{{c} * dt / ({dx} * {dx}):G6}} exceeds {limitText} (D = {{{c}:G6}}, dx = {{{dx}:G6}}); the largest stable dt is {{{limit} * {dx} * {dx} / {c}:G6}}. Set CheckStability = false to step anyway.\");");
                }
                else
                {
                    w.Line($"if (Math.Abs({c}) * dt / {dx} > 1.0)");
                    w.Line($"    throw new ArgumentOutOfRangeException(nameof(dt), dt, $\"{model.Name}: dt = {{dt:G6}} is beyond the CFL bound for d{term.State}/dt: " +
                           $"|c|·dt/dx = {{Math.Abs({c}) * dt / {dx}:G6}} exceeds 1 (c = {{{c}:G6}}, dx = {{{dx}:G6}}); the largest stable dt is {{{dx} / Math.Abs({c}):G6}}. Set CheckStability = false to step anyway.\");");
                }
            }
        }
    }

    /// <summary>__At: a cell's value with coordinates possibly outside the grid, mapped by the boundaries.</summary>
    private void EmitAt(CodeWriter w)
    {
        w.Doc("summary", "The value at (x, y, z), where a coordinate may lie up to the stencil radius outside the grid: " +
                         "periodic wraps, neumann mirrors (cell-centred: the cell at −1 is the cell at 0), dirichlet returns the boundary value. " +
                         "Used only for cells near an edge, so the interior loops carry no branch.");
        using (w.Block($"private {_t.Name} __At({_t.Name}[] a, int x, int y, int z)"))
        {
            for (int axis = 0; axis < _program.Dims; axis++)
            {
                string c = "xyz"[axis].ToString(), n = "__" + SizeNames[axis];
                w.Line($"if ({c} < 0) {Map(axis, low: true, c, n)}");
                w.Line($"else if ({c} >= {n}) {Map(axis, low: false, c, n)}");
            }
            if (_program.Dims < 3) w.Line("_ = z;");
            if (_program.Dims < 2) w.Line("_ = y;");
            w.Line("return a[(z * __ny + y) * __nx + x];");
        }
        w.Line();
    }

    private string Map(int axis, bool low, string c, string n)
    {
        var boundary = low ? _program.Low[axis] : _program.High[axis];
        return boundary.Kind switch
        {
            FieldBoundaryKind.Periodic => low ? $"{c} += {n};" : $"{c} -= {n};",
            FieldBoundaryKind.Neumann => low ? $"{c} = -{c} - 1;" : $"{c} = 2 * {n} - 1 - {c};",
            _ => $"return __u.{FieldLowerer.BoundaryUniform(axis, low)};",
        };
    }

    private void EmitUniformsStruct(CodeWriter w)
    {
        w.Doc("summary", "Values shared by all cells during one Step.");
        using (w.Block("private struct __Uniforms"))
        {
            ClassPrinter.UniformFields(w, _class.Uniforms);
        }
    }
}
