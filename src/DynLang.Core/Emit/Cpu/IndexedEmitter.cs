using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// Emits the class of a model over index sets (<c>{Model}Rule</c>, <c>{Model}System</c>):
/// row-major arrays with Span accessors, sizes per index set, and <c>Step(dt)</c> running the
/// program's loop nests in order; large nests split their outermost loop over the worker pool.
/// Sums accumulate sequentially in index order (deterministic, and bit-identical to a plain
/// loop in a reference implementation).
/// </summary>
internal sealed class IndexedEmitter
{
    private readonly KernelModel _model;
    private readonly IndexedProgram _program;
    private readonly NumericType _t;
    private readonly string _path;

    public IndexedEmitter(KernelModel model)
    {
        _model = model;
        _program = model.Indexed!;
        _t = NumericType.For(model.Precision);
        _path = model.SourcePath.Replace("\"", "");
        _class = ClassDescriptions.For(model);
    }

    private readonly GeneratedClass _class;

    public static string ClassName(KernelModel model) =>
        CSharpNames.TypeName(model.Name) + (model.Kind == "rule" ? "Rule" : "System");

    private string Class => ClassName(_model);

    private IEnumerable<KernelArray> AllArrays => _model.Arrays.Concat(_program.Temporaries);

    internal static string SizeField(string set) => ClassDescriptions.IndexSizeField(set);

    private bool HasParallelNests => _program.Nests.Any(n => n.Loops.Count > 0);

    public void Emit(CodeWriter w)
    {
        w.Doc("summary", $"{_class.What} ({_class.Origin}), integrated with solver {_model.Solver}.");
        var remarks = ClassPrinter.EquationRemarks(_class).ToList();
        remarks.Add($"Solver {_model.Solver}: {_model.SolverReason}");
        remarks.Add("Arrays are row-major over their index sets (the last index varies fastest).");
        w.Doc("remarks", string.Join("\n", remarks));
        using (w.Block($"public sealed partial class {Class} : IRangeKernel"))
        {
            w.Doc("summary", "Loop iterations (over all indices) above which a loop nest is spread over all cores.");
            w.Line("private const long ParallelWork = 32768;");
            w.Line();
            ClassPrinter.SizeFields(w, _class);
            // Bug fix: arrays were "__{name}", which met "__u"/"__nest"/"__p" for a model array u, nest or p
            // and were silently shadowed by the local "__sum0" for an array sum0. Model names never
            // contain "__", so "{name}__data" cannot meet any generated name.
            foreach (var array in _class.Arrays) w.Line($"private readonly {_t.Name}[] {array.Name}__data;");
            w.Line("private __Uniforms __u;");
            StepGuardEmission.EmitField(w);
            // Which nest the worker pool runs; a model whose nests are all scalar never spreads one (and has no field to leave unassigned).
            if (HasParallelNests) w.Line("private int __nest;");
            w.Line();
            EmitConstructors(w);
            EmitProperties(w);
            ReadoutEmitter.EmitIndexed(w, _model, Class, _model.Arrays);
            if (_program.Noises.Count > 0)
            {
                NoiseEmission.EmitSeed(w, _program.Noises, "element");
                w.Line();
            }
            EmitReset(w);
            EmitStep(w);
            FiniteGuardEmission.EmitMembers(w, Class, _model.Arrays.Where(a => a.Role == ArrayRole.State).Select(s => (s.Name, s.Name + "__data")));
            for (int k = 0; k < _program.Nests.Count; k++) EmitNest(w, k, _program.Nests[k]);
            EmitUniformsStruct(w);
        }
    }

    private void EmitConstructors(CodeWriter w)
    {
        string parameters = ParametersEmitter.TypeName(_model);
        w.Doc("summary", "Creates the model with the default parameters; the arguments are the sizes of the index sets.");
        w.Line($"public {Class}({_class.SizeParameterList}) : this({GeneratedClass.List(_class.SizeArgumentList, $"new {parameters}()")}) {{ }}");
        w.Line();
        w.Doc("summary", "Creates the model with the given parameters; the other arguments are the sizes of the index sets.");
        using (w.Block($"public {Class}({GeneratedClass.List(_class.SizeParameterList, $"{parameters} parameters")})"))
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
        ClassPrinter.SizeProperties(w, _class);
        foreach (var array in _model.Arrays)
        {
            string role = array.Role switch
            {
                ArrayRole.State => "State",
                ArrayRole.Input => "Input",
                _ => "Parameter array",
            };
            string shape = array.IndexSets.Count == 0 ? "a single value" : $"row-major over [{string.Join(", ", array.IndexSets)}]";
            string note = array.Role switch
            {
                ArrayRole.Input => "; written by host code, held constant over each Step",
                ArrayRole.Parameter => "; set by host code",
                _ => "",
            };
            w.Line();
            if (array.IndexSets.Count == 0)
            {
                // A scalar state or input is a plain property (stored as a one-element array, which the loop nests index like any other).
                w.Doc("summary", $"{role} {array.Name} ({array.Unit}; line {array.Line}){note}.");
                w.Line($"public {_t.Name} {CSharpNames.Identifier(array.Name)} {{ get => {array.Name}__data[0]; set => {array.Name}__data[0] = value; }}");
                continue;
            }
            w.Doc("summary", $"{role} {array.Name} ({array.Unit}; line {array.Line}), {shape}{note}.");
            w.Line($"public Span<{_t.Name}> {CSharpNames.Identifier(array.Name)} => {array.Name}__data;");
            if (array.IndexSets.Count > 0)
            {
                string args = string.Join(", ", array.IndexSets.Select((s, k) => $"int {IndexArg(k)}"));
                w.Line();
                w.Doc("summary", $"Element [{string.Join(", ", array.IndexSets.Select((s, k) => IndexArg(k)))}] of {array.Name}.");
                w.Line($"public ref {_t.Name} {array.Name}At({args}) => ref {array.Name}__data[{FlatIndex(array, Enumerable.Range(0, array.IndexSets.Count).Select(IndexArg).ToList())}];");
            }
        }
        w.Line();
    }

    private static string IndexArg(int k) => "index" + k;

    /// <summary>Row-major flat index: ((a)*size1 + b)*size2 + c.</summary>
    internal static string FlatIndex(KernelArray array, IReadOnlyList<string> indices)
    {
        if (array.IndexSets.Count == 0) return "0";
        string text = indices[0];
        for (int k = 1; k < indices.Count; k++) text = $"({text}) * {SizeField(array.IndexSets[k])} + {indices[k]}";
        return text;
    }

    private void EmitReset(CodeWriter w)
    {
        w.Doc("summary", "Sets states to their initial values (zero where none is written) and the time to zero. Inputs and parameter arrays keep their values.");
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

    private void EmitStep(CodeWriter w)
    {
        w.Doc("summary", $"Advances the model by <paramref name=\"dt\"/> with solver {_model.Solver}.");
        w.Doc("exception", "dt is not a positive finite number.", "cref=\"ArgumentOutOfRangeException\"");
        StepExtras.EmitBeforeStep(w, _model);
        using (w.Block("public void Step(double dt)"))
        using (StepGuardEmission.Guard(w, Class))
        {
            ClassPrinter.StepPrelude(w, _class, ClassPrinter.HostPrinter());
            ClassPrinter.UniformInitializer(w, "__u = new __Uniforms", _class.Uniforms);
            for (int k = 0; k < _program.Nests.Count; k++)
            {
                var nest = _program.Nests[k];
                w.Line($"// {nest.Comment}");
                if (nest.Loops.Count == 0)
                {
                    w.Line($"Nest{k}(0, 1);");
                    continue;
                }
                string outer = SizeField(nest.Loops[0].IndexSet);
                string work = string.Join(" * ", nest.Loops.Select(l => $"(long){SizeField(l.IndexSet)}"));
                w.Line($"if ({work} >= ParallelWork && {outer} > 1) {{ __nest = {k}; WorkerPool.Current.Run(this, {outer}, 1); }}");
                w.Line($"else Nest{k}(0, {outer});");
            }
            w.Line("StepIndex++;");
            w.Line("Time = t + dt;");
            FiniteGuardEmission.EmitAfterStep(w);
        }
        w.Line();
        if (!HasParallelNests)
        {
            w.Line("void IRangeKernel.Execute(int start, int end) => throw new InvalidOperationException(\"Every loop nest of this model is scalar: none runs on the worker pool.\");");
            w.Line();
            return;
        }
        using (w.Block("void IRangeKernel.Execute(int start, int end)"))
        {
            using (w.Block("switch (__nest)"))
            {
                for (int k = 0; k < _program.Nests.Count; k++) w.Line($"case {k}: Nest{k}(start, end); break;");
            }
        }
        w.Line();
    }

    private void EmitNest(CodeWriter w, int index, LoopNest nest)
    {
        w.Doc("summary", $"{nest.Comment}: iterations [start, end) of the outermost loop.");
        // Bug fix: the bounds were "start"/"end", which a parameter of those names redeclared as a uniform local.
        HotPath.Mark(w);
        using (w.Block($"private void Nest{index}(int __start, int __end)"))
        {
            w.Line("__Uniforms __uniforms = __u;");
            ClassPrinter.UniformLocals(w, _class.Uniforms);
            if (nest.Stores.Any(s => ContainsNormal(s.Value)))
            {
                // The keys of the draws (StepIndex is the step being computed: it advances after the last nest).
                w.Line("ulong __seed = Seed;");
                w.Line("long __stepIndex = StepIndex;");
            }
            var closers = new List<System.IDisposable>();
            for (int k = 0; k < nest.Loops.Count; k++)
            {
                var loop = nest.Loops[k];
                string variable = LoopVariable(loop.Variable);
                closers.Add(k == 0
                    ? w.Block($"for (int {variable} = __start; {variable} < __end; {variable}++)")
                    : w.Block($"for (int {variable} = 0; {variable} < {SizeField(loop.IndexSet)}; {variable}++)"));
            }
            if (nest.Loops.Count == 0) w.Line("_ = __start; _ = __end;");
            int sumCounter = 0;
            var printer = new ScalarPrinter(_t, r => CSharpNames.Identifier(r.Name), Load)
            {
                MathMode = _model.MathMode,
                NoiseElement = normal => NoiseEmission.FlatElement(normal, LoopVariable, SizeField),
            };
            printer.SumHandler = sum => EmitSum(w, sum, printer, ref sumCounter);

            foreach (var local in nest.Locals)
            {
                LineDirective(w, local.Line);
                w.Line($"{_t.Name} {CSharpNames.Identifier(local.Target)} = {printer.Print(local.Value)};");
                if (local.Line > 0) w.Directive("#line default");
            }
            foreach (var store in nest.Stores)
            {
                if (store.Comment is not null) w.Line("// " + store.Comment);
                string value = printer.Print(store.Value);
                LineDirective(w, store.Line);
                w.Line($"{Load(new IrLoad(store.Array, store.Indices))} = {value};");
                if (store.Line > 0) w.Directive("#line default");
            }
            for (int k = closers.Count - 1; k >= 0; k--) closers[k].Dispose();
        }
        w.Line();
    }

    private static bool ContainsNormal(IrExpr expr) => expr switch
    {
        IrNormal => true,
        IrUnary unary => ContainsNormal(unary.Operand),
        IrBinary binary => ContainsNormal(binary.Left) || ContainsNormal(binary.Right),
        IrCall call => call.Arguments.Any(ContainsNormal),
        IrSelect select => ContainsNormal(select.Condition) || ContainsNormal(select.WhenTrue) || ContainsNormal(select.WhenFalse),
        IrSum sum => ContainsNormal(sum.Body),
        _ => false,
    };

    /// <summary>Writes the loop of a sum before the statement that uses it; returns its accumulator.</summary>
    private string EmitSum(CodeWriter w, IrSum sum, ScalarPrinter printer, ref int counter)
    {
        string accumulator = $"__sum{counter++}";
        w.Line($"{_t.Name} {accumulator} = 0;");
        var closers = new List<System.IDisposable>();
        foreach (var loop in sum.Over)
        {
            string variable = LoopVariable(loop.Variable);
            closers.Add(w.Block($"for (int {variable} = 0; {variable} < {SizeField(loop.IndexSet)}; {variable}++)"));
        }
        w.Line($"{accumulator} = {accumulator} + {printer.Print(sum.Body)};");
        for (int k = closers.Count - 1; k >= 0; k--) closers[k].Dispose();
        return accumulator;
    }

    private string Load(IrLoad load)
    {
        var array = AllArrays.First(a => a.Name == load.Array);
        var indices = load.Indices.Select(i => i.Offset == 0 ? LoopVariable(i.LoopVariable)
            : $"{LoopVariable(i.LoopVariable)} {(i.Offset > 0 ? "+" : "-")} {System.Math.Abs(i.Offset)}").ToList();
        return $"{array.Name}__data[{FlatIndex(array, indices)}]";
    }

    /// <summary>Loop variables get a prefix so they never shadow a model name.</summary>
    internal static string LoopVariable(string name) => "__" + name;

    private void EmitUniformsStruct(CodeWriter w)
    {
        w.Doc("summary", "Values shared by all loop iterations during one Step.");
        using (w.Block("private struct __Uniforms"))
        {
            ClassPrinter.UniformFields(w, _class.Uniforms);
        }
    }

    private void LineDirective(CodeWriter w, int line)
    {
        if (line > 0) w.Directive($"#line {line} \"{_path}\"");
    }
}
