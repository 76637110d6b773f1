using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Fields;
using DynLang.Core.Emit.Shape;
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
    private static readonly string[] SizeNames = ClassDescriptions.GridSizes;

    private readonly KernelModel _model;
    private readonly FieldProgram _program;
    private readonly NumericType _t;

    public IlgpuFieldEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Field!;
        _t = NumericType.For(model.Precision);
        // The kernels read the grid's sizes from the uniforms too.
        _class = ClassDescriptions.For(model);
        _class = _class.WithUniforms(_class.SizeFields.Select(f => new UniformField(f, "int", f)).ToArray());
    }

    private readonly GeneratedClass _class;

    /// <summary>The name of an array's view in <c>__Views</c>.</summary>
    private static string View(ClassArray array) => array.Name + "__view";

    public static string ClassName(KernelModel model) => FieldEmitter.ClassName(model) + "Ilgpu";

    private string Class => ClassName(_model);

    /// <summary>The CPU class's minimum size (cells a stencil spans along an axis).</summary>
    private int MinimumSize => 2 * _program.Radius + 1;


    public void Emit(CodeWriter w)
    {
        w.Doc("summary", $"{_class.What} on an ILGPU accelerator ({_class.Origin}), {_program.Dims}D grid, solver {_model.Solver}: " +
                         $"the same step as <see cref=\"{FieldEmitter.ClassName(_model)}\"/>, one grid-stride kernel per solver pass.");
        w.Doc("remarks", "States live in accelerator buffers, row-major over (z, y, x) with x fastest: copy them in and out with the Upload/Download methods. " +
                         "Step(dt) only queues the kernels; downloads wait for them. Step swaps buffers: take a state's Buffer after Step, not before.");
        using (w.Block($"public sealed partial class {Class} : IDisposable"))
        {
            IlgpuHostCode.EmitFields(w, _class, swapped: true);
            ClassPrinter.SizeFields(w, _class);
            w.Line("private readonly long __cells;");
            StepGuardEmission.EmitField(w);
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            foreach (var array in _class.States)
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
        var names = _class.Sizes.Select(s => s.Name).ToList();
        string sizes = _class.SizeParameterList, sizeArgs = _class.SizeArgumentList;
        w.Doc("summary", $"Creates the field on <paramref name=\"accelerator\"/> with the default parameters on a grid of {string.Join(" × ", names)} cells.");
        w.Line($"public {Class}(Accelerator accelerator, {sizes}) : this(accelerator, {sizeArgs}, new {parameters}()) {{ }}");
        w.Line();
        w.Doc("summary", $"Creates the field on <paramref name=\"accelerator\"/> with the given parameters on a grid of {string.Join(" × ", names)} cells.");
        ClassPrinter.SizeChecksDoc(w, _class);
        w.Doc("exception", "the accelerator cannot hold the buffers (the message gives the sizes asked for).", "cref=\"InsufficientMemoryException\"");
        using (w.Block($"public {Class}(Accelerator accelerator, {sizes}, {parameters} parameters)"))
        {
            w.Line("__accelerator = accelerator ?? throw new ArgumentNullException(nameof(accelerator));");
            // The CPU class's checks and messages, word for word (the same description).
            ClassPrinter.SizeChecks(w, _class);
            w.Line("__cells = (long)__nx * __ny * __nz;");
            w.Line("Parameters = parameters;");
            IlgpuHostCode.EmitAllocation(w, _class);
            w.Line("__UpdateViews();");
            w.Line("__launchers = __launcherCache.GetValue(accelerator, a => new __Launchers(a));");
            w.Line("__config = __Config(accelerator, __cells);");
            w.Line("// Scratch arrays are overwritten by every step before they are read; zeroed so a buffer never holds stale memory.");
            foreach (var array in _class.Arrays.Where(a => a.Kind == ArrayKind.Scratch)) w.Line($"{IlgpuHostCode.Buffer(array.Name)}.MemSetToZero();");
            w.Line("Reset();");
        }
        w.Line();
        using (w.Block("private void __UpdateViews()"))
        {
            w.Line($"__views = {IlgpuHostCode.ViewsInitializer(_class, View)};");
        }
        w.Line();
    }

    private void EmitProperties(CodeWriter w)
    {
        IlgpuHostCode.EmitAcceleratorProperty(w, "kernels");
        ClassPrinter.TimeProperties(w, _class);
        w.Line();
        w.Doc("summary", "When true (the default), Step throws if dt is beyond the solver's stability bound (diffusion number, CFL number); set false to step anyway.");
        w.Line("public bool CheckStability { get; set; } = true;");
        ClassPrinter.SizeProperties(w, _class);
        w.Line();
        IlgpuHostCode.EmitDisposal(w, _class);
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets every cell of every state to its initial value (zero where none is written) and the time to zero.");
        using (w.Block("public void Reset()"))
        {
            IlgpuHostCode.EmitFillStates(w, _class);
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
            IlgpuHostCode.EmitStepPrelude(w, _class, Class);
            FieldEmitter.EmitStabilityCheck(w, _model, ClassPrinter.HostPrinter());
            ClassPrinter.UniformInitializer(w, "var __uniforms = new __Uniforms", _class.Uniforms);
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
            ClassPrinter.UniformLocals(w, _class.Uniforms);
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

    private void EmitStructs(CodeWriter w) =>
        IlgpuHostCode.EmitArgumentStructs(w, _class, View, "kernels'", "Values shared by all cells during one step (kernel arguments), and the grid's sizes. Public for ILGPU's launchers; not for use.");
}
