using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

/// <summary>
/// The ILGPU class of a field model (<c>{Model}FieldIlgpu</c>): every state and scratch array in an
/// accelerator buffer, and one grid-stride kernel per solver pass over all cells. A cell reads a
/// neighbour through <c>__At</c>, which maps coordinates outside the grid by the boundaries exactly as
/// the CPU class's <c>__At</c> does (periodic wraps, neumann mirrors, dirichlet returns the value);
/// inside the grid it is the plain load the CPU's interior loop does. The checks are compares that a
/// GPU predicates, and only threads at an edge take them, so no boundary map array is needed. The
/// pass bodies are printed from the CPU class's IR by the same <see cref="ScalarPrinter"/> in the same
/// order, so on ILGPU's CPU accelerator (no fused multiply-add) every cell gets the CPU class's bits.
/// </summary>
internal sealed class IlgpuFieldEmitter
{
    private static readonly string[] SizeNames = { "nx", "ny", "nz" };

    private readonly KernelModel _model;
    private readonly FieldProgram _program;
    private readonly NumericType _t;

    public IlgpuFieldEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Field!;
        _t = NumericType.For(model.Precision);
    }

    public static string ClassName(KernelModel model) => FieldEmitter.ClassName(model) + "Ilgpu";

    private string Class => ClassName(_model);

    private IEnumerable<string> AllArrays => _program.States.Concat(_program.Temporaries);

    /// <summary>The CPU class's minimum size (cells a stencil spans along an axis).</summary>
    private int MinimumSize => 2 * _program.Radius + 1;

    private List<string> UniformNames() => DeviceCode.UniformNames(_model, _program.Uniforms.Select(u => u.Target));

    public void Emit(CodeWriter w)
    {
        w.Doc("summary", $"The field {_model.Name} on an ILGPU accelerator ({ParametersEmitter.FileName(_model)}, line {_model.Line}), {_program.Dims}D grid, solver {_model.Solver}: " +
                         $"the same step as <see cref=\"{FieldEmitter.ClassName(_model)}\"/>, one grid-stride kernel per solver pass.");
        w.Doc("remarks", "States live in accelerator buffers, row-major over (z, y, x) with x fastest: copy them in and out with the Upload/Download methods. " +
                         "Step(dt) only queues the kernels; downloads wait for them. Step swaps buffers: take a state's Buffer after Step, not before.");
        using (w.Block($"public sealed partial class {Class} : IDisposable"))
        {
            w.Line("private readonly Accelerator __accelerator;");
            w.Line("private readonly __Launchers __launchers;");
            w.Line("private readonly KernelConfig __config;");
            w.Line("private readonly int __nx, __ny, __nz;");
            w.Line("private readonly long __cells;");
            w.Line("// Not readonly: Step swaps each state's buffer with its new-value buffer, as the CPU class swaps arrays.");
            foreach (var array in AllArrays) w.Line($"private MemoryBuffer1D<{_t.Name}, Stride1D.Dense> {IlgpuHostCode.Buffer(array)};");
            w.Line("private __Views __views;");
            w.Line("private bool __disposed;");
            StepGuardEmission.EmitField(w);
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            foreach (var array in _model.Arrays.Where(a => a.Role == ArrayRole.State))
                IlgpuHostCode.EmitArrayMembers(w, Class, array.Name, _t.Name, "__cells", $"state {array.Name} ({array.Unit}; line {array.Line}; one value per cell, row-major, x fastest)");
            EmitReset(w);
            EmitStep(w);
            for (int k = 0; k < _program.Sweeps.Count; k++) EmitPass(w, k, _program.Sweeps[k]);
            EmitAt(w);
            DeviceCode.EmitHelpers(w, _t, withNoise: false);
            w.Line();
            IlgpuHostCode.EmitAllocationHelpers(w, Class);
            IlgpuHostCode.EmitCopyHelpers(w, Class);
            IlgpuHostCode.EmitLaunchConfig(w);
            IlgpuHostCode.EmitLauncherCache(w, _program.Sweeps.Select((_, k) => ($"Pass{k}", $"__Pass{k}")).ToList());
            EmitStructs(w);
        }
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        var names = SizeNames.Take(_program.Dims).ToList();
        string sizes = string.Join(", ", names.Select(n => "int " + n));
        string sizeArgs = string.Join(", ", names);
        w.Doc("summary", $"Creates the field on <paramref name=\"accelerator\"/> with the default parameters on a grid of {string.Join(" × ", names)} cells.");
        w.Line($"public {Class}(Accelerator accelerator, {sizes}) : this(accelerator, {sizeArgs}, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", $"Creates the field on <paramref name=\"accelerator\"/> with the given parameters on a grid of {string.Join(" × ", names)} cells.");
        w.Doc("exception", $"A size is smaller than {MinimumSize}, the width of the stencil, or the grid has more than int.MaxValue cells.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "the accelerator cannot hold the buffers (the message gives the sizes asked for).", "cref=\"InsufficientMemoryException\"");
        using (w.Block($"public {Class}(Accelerator accelerator, {sizes}, {parameters} parameters)"))
        {
            w.Line("__accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));");
            // The CPU class's checks and messages, word for word.
            foreach (var name in names)
            {
                w.Line($"if ({name} < {MinimumSize}) throw new ArgumentOutOfRangeException(nameof({name}), {name}, " +
                       $"\"{_model.Name}: the grid size {name} must be at least {MinimumSize} (the stencil spans {MinimumSize} cells along each axis).\");");
            }
            string product = string.Join(" * ", names.Select(n => $"(long){n}"));
            w.Line($"if ({product} > int.MaxValue) throw new ArgumentOutOfRangeException(nameof({names[0]}), {product}, \"{_model.Name}: the grid has more cells than an array can hold (int.MaxValue).\");");
            w.Line($"__nx = nx; __ny = {(_program.Dims >= 2 ? "ny" : "1")}; __nz = {(_program.Dims >= 3 ? "nz" : "1")};");
            w.Line("__cells = (long)__nx * __ny * __nz;");
            w.Line("Parameters = parameters;");
            int size = _t.Precision == Precision.Float ? 4 : 8;
            w.Line($"__CheckMemory(accelerator, new (string, long, int)[] {{ {string.Join(", ", AllArrays.Select(a => $"(\"{a}\", __cells, {size})"))} }});");
            w.Line("// A failed allocation frees the buffers made before it (they are not reachable from a failed constructor's caller).");
            using (w.Block("try"))
            {
                foreach (var array in AllArrays)
                    w.Line($"{IlgpuHostCode.Buffer(array)} = __Allocate<{_t.Name}>(accelerator, \"{array}\", __cells);");
            }
            using (w.Block("catch"))
            {
                w.Line("__FreeBuffers();");
                w.Line("throw;");
            }
            w.Line("__UpdateViews();");
            w.Line("__launchers = __launcherCache.GetValue(accelerator, a => new __Launchers(a));");
            w.Line("__config = __Config(accelerator, __cells);");
            w.Line("// Scratch arrays are overwritten by every step before they are read; zeroed so a buffer never holds stale memory.");
            foreach (var array in _program.Temporaries) w.Line($"{IlgpuHostCode.Buffer(array)}.MemSetToZero();");
            w.Line("Reset();");
        }
        w.Line();
        using (w.Block("private void __UpdateViews()"))
        {
            w.Line($"__views = new __Views {{ {string.Join(", ", AllArrays.Select(a => $"{a}__view = {IlgpuHostCode.Buffer(a)}.View"))} }};");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        w.Doc("summary", "The accelerator holding the buffers and running the kernels.");
        w.Line("public Accelerator Accelerator => __accelerator;");
        w.Line();
        w.Doc("summary", "The parameters used by the next Step (SI units).");
        w.Line($"public {ParametersEmitter.TypeName(_model)} Parameters {{ get; set; }}");
        w.Line();
        w.Doc("summary", "Time: the sum of the dt of every Step since construction or Reset.");
        w.Line("public double Time { get; private set; }");
        w.Line();
        w.Doc("summary", "Number of Steps since construction or Reset.");
        w.Line("public long StepIndex { get; private set; }");
        w.Line();
        w.Doc("summary", "When true (the default), Step throws if dt is beyond the solver's stability bound (diffusion number, CFL number); set false to step anyway.");
        w.Line("public bool CheckStability { get; set; } = true;");
        for (int axis = 0; axis < _program.Dims; axis++)
        {
            w.Line();
            w.Doc("summary", $"Cells along {"xyz"[axis]}.");
            w.Line($"public int {CSharpNames.Capitalized(SizeNames[axis])} => __{SizeNames[axis]};");
        }
        w.Line();
        w.Doc("summary", "Number of cells.");
        w.Line("public int CellCount => (int)__cells;");
        w.Line();
        w.Doc("summary", "Waits until every queued step has run.");
        w.Line("public void Synchronize() => __accelerator.DefaultStream.Synchronize();");
        w.Line();
        w.Doc("summary", "Frees the accelerator buffers.");
        using (w.Block("public void Dispose()"))
        {
            w.Line("if (__disposed) return;");
            w.Line("__disposed = true;");
            w.Line("__FreeBuffers();");
        }
        w.Line();
        using (w.Block("private void __FreeBuffers()"))
        {
            foreach (var array in AllArrays) w.Line($"{IlgpuHostCode.Buffer(array)}?.Dispose();");
        }
        w.Line();
    }

    private void EmitParameterLocals(CodeWriter w)
    {
        w.Line("var __p = Parameters;");
        foreach (var parameter in _model.Parameters)
            w.Line($"double {CSharpNames.Identifier(parameter.Name)} = __p.{CSharpNames.Identifier(parameter.Name)};");
        if (_model.Parameters.Count == 0) w.Line("_ = __p;");
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every cell of every state to its initial value (zero where none is written) and the time to zero.");
        using (w.Block("public void Reset()"))
        {
            EmitParameterLocals(w);
            IlgpuHostCode.EmitFillStates(w, _model.Arrays.Where(a => a.Role == ArrayRole.State), _t.Name);
            w.Line("__accelerator.DefaultStream.Synchronize();");
            w.Line("Time = 0;");
            w.Line("StepIndex = 0;");
        }
        w.Line();
    }

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", $"Queues one step of the field by <paramref name=\"dt\"/> with solver {_model.Solver} (one kernel per pass, in order) and returns.");
        w.Doc("exception", "dt is not a positive finite number, or (with CheckStability) beyond the stability bound.", "cref=\"ArgumentOutOfRangeException\"");
        w.Doc("exception", "A parameter without a default is unset.", "cref=\"InvalidOperationException\"");
        StepExtras.EmitBeforeStep(w, _model);
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            IlgpuHostCode.EmitStepGuards(w, Class);
            EmitParameterLocals(w);
            IlgpuHostCode.EmitRequiredParameterChecks(w, _model);
            w.Line("double t = Time;");
            var printer = new ScalarPrinter(NumericType.Double, DeviceCode.Local);
            foreach (var uniform in _program.Uniforms)
                w.Line($"double {CSharpNames.Identifier(uniform.Target)} = {printer.Print(uniform.Value)};");
            FieldEmitter.EmitStabilityCheck(w, _model, printer);
            w.Line("var __uniforms = new __Uniforms");
            w.Line("{");
            w.Indent();
            string cast = _t.Precision == Precision.Float ? "(float)" : "";
            foreach (var name in UniformNames()) w.Line($"{CSharpNames.Identifier(name)} = {cast}{CSharpNames.Identifier(name)},");
            w.Line("__nx = __nx, __ny = __ny, __nz = __nz,");
            w.Outdent();
            w.Line("};");
            for (int k = 0; k < _program.Sweeps.Count; k++)
            {
                w.Line($"// Pass {k}: {_program.Sweeps[k].Comment}");
                w.Line($"__launchers.Pass{k}(__config, __views, __uniforms);");
            }
            foreach (var (state, fresh) in _program.Swaps)
                w.Line($"({IlgpuHostCode.Buffer(state)}, {IlgpuHostCode.Buffer(fresh)}) = ({IlgpuHostCode.Buffer(fresh)}, {IlgpuHostCode.Buffer(state)});");
            if (_program.Swaps.Count > 0) w.Line("__UpdateViews();");
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
        }
        w.Line();
    }

    private void EmitPass(CodeWriter w, int index, FieldSweep pass)
    {
        var loads = pass.Locals.SelectMany(l => Loads(l.Value)).Distinct(LoadComparer.Instance).ToList();
        w.Doc("summary", $"Pass {index} ({pass.Comment}) over all cells, grid stride: cell __i is (x, y, z) = (__i mod nx, (__i / nx) mod ny, __i / (nx·ny)).");
        using (w.Block($"private static void __Pass{index}(__Views __views, __Uniforms __uniforms)"))
        {
            foreach (var name in UniformNames()) w.Line($"{_t.Name} {CSharpNames.Identifier(name)} = __uniforms.{CSharpNames.Identifier(name)};");
            w.Line("int __nx = __uniforms.__nx, __ny = __uniforms.__ny, __nz = __uniforms.__nz;");
            w.Line("int __n = __nx * __ny * __nz;");
            w.Line("// A long counter: a grid of up to int.MaxValue cells plus one stride must not wrap around.");
            using (w.Block($"for (long __j = {DeviceCode.GridStart}; __j < __n; __j += (long){DeviceCode.GridStride})"))
            {
                w.Line("int __i = (int)__j;");
                w.Line("int __line = __i / __nx;");
                w.Line("int __cx = __i - __line * __nx, __cy = __line % __ny, __cz = __line / __ny;");
                w.Line("_ = __cx; _ = __cy; _ = __cz;");
                foreach (var load in loads)
                {
                    string text = load.Indices.Count == 0
                        ? $"__views.{load.Array}__view[__i]"
                        : $"__At(__views.{load.Array}__view, {Coordinate(load, 0)}, {Coordinate(load, 1)}, {Coordinate(load, 2)}, __nx, __ny, __uniforms)";
                    w.Line($"{_t.Name} {FieldPassEmitter.LoadLocal(load)} = {text};");
                }
                var printer = DeviceCode.Printer(_t, DeviceCode.Local, FieldPassEmitter.LoadLocal);
                foreach (var local in pass.Locals)
                    w.Line($"{_t.Name} {CSharpNames.Identifier(local.Target)} = {printer.Print(local.Value)};");
                foreach (var (array, local) in pass.Stores) w.Line($"__views.{array}__view[__i] = {CSharpNames.Identifier(local)};");
            }
        }
        w.Line();
    }

    /// <summary>The cell coordinate plus the load's offset along an axis ("0" beyond the grid's dimensions).</summary>
    private string Coordinate(IrLoad load, int axis)
    {
        if (axis >= _program.Dims) return "0";
        string name = "xyz"[axis].ToString(), variable = "__c" + name;
        int offset = load.Indices.FirstOrDefault(i => i.LoopVariable == name)?.Offset ?? 0;
        return offset == 0 ? variable : $"{variable} {(offset > 0 ? "+" : "-")} {System.Math.Abs(offset)}";
    }

    /// <summary>The device's __At: the CPU class's boundary mapping (FieldEmitter.EmitAt), reading the sizes and Dirichlet values from the uniforms.</summary>
    private void EmitAt(CodeWriter w)
    {
        w.Doc("summary", "The value at (x, y, z), a coordinate up to the stencil radius outside the grid mapped by the boundaries as in the CPU class.");
        using (w.Block($"private static {_t.Name} __At(ArrayView1D<{_t.Name}, Stride1D.Dense> a, int x, int y, int z, int __nx, int __ny, __Uniforms __u)"))
        {
            w.Line("int __nz = __u.__nz;");
            w.Line("_ = __nz;");
            for (int axis = 0; axis < _program.Dims; axis++)
            {
                string c = "xyz"[axis].ToString(), n = "__" + SizeNames[axis];
                w.Line($"if ({c} < 0) {Map(axis, low: true, c, n)}");
                w.Line($"else if ({c} >= {n}) {Map(axis, low: false, c, n)}");
            }
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

    private static IEnumerable<IrLoad> Loads(IrExpr expr) => global::DynLang.Core.Diagnostics.StackGuard.Checked(expr) switch
    {
        IrLoad load => new[] { load },
        IrUnary u => Loads(u.Operand),
        IrBinary b => Loads(b.Left).Concat(Loads(b.Right)),
        IrCall c => c.Arguments.SelectMany(Loads),
        IrSelect s => Loads(s.Condition).Concat(Loads(s.WhenTrue)).Concat(Loads(s.WhenFalse)),
        _ => Enumerable.Empty<IrLoad>(),
    };

    private sealed class LoadComparer : IEqualityComparer<IrLoad>
    {
        public static readonly LoadComparer Instance = new();

        public bool Equals(IrLoad? a, IrLoad? b) => a is not null && b is not null && FieldPassEmitter.LoadLocal(a) == FieldPassEmitter.LoadLocal(b);

        public int GetHashCode(IrLoad load) => FieldPassEmitter.LoadLocal(load).GetHashCode();
    }

    private void EmitStructs(CodeWriter w)
    {
        w.Doc("summary", "The kernels' arrays (views of the buffers). Public only because ILGPU's CPU accelerator launches kernels from a dynamic assembly that must see their argument types; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Views"))
        {
            foreach (var array in AllArrays) IlgpuHostCode.ArgumentField(w, $"public ArrayView1D<{_t.Name}, Stride1D.Dense> {array}__view;");
        }
        w.Line();
        w.Doc("summary", "Values shared by all cells during one step (kernel arguments), and the grid's sizes. Public for ILGPU's launchers; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Uniforms"))
        {
            foreach (var name in UniformNames()) IlgpuHostCode.ArgumentField(w, $"public {_t.Name} {CSharpNames.Identifier(name)};");
            IlgpuHostCode.ArgumentField(w, "public int __nx, __ny, __nz;");
        }
    }
}
