using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Binding;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Lowering.Solvers;

namespace DynLang.Core.Lowering.Fields;

/// <summary>
/// The passes of one explicit step over a field. A stencil reads neighbours, so each solver
/// stage is a full pass that stores its stage values before the next stage reads them.
/// The arithmetic is the elementwise solvers' (ElementwiseLowerer), in the same order:
/// <list type="bullet">
/// <item>euler: one pass, x' = x + dt·f(x).</item>
/// <item>rk2 (midpoint, Brian2's form): pass 1 stores x + (dt·f(x))/2; pass 2 computes x' = x + dt·f(stage).</item>
/// <item>rk4 (Brian2's form): passes 1–3 store k_s = dt·f(stage s) and the next stage (x + k/2, x + k/2, x + k);
/// pass 4 computes x' = k1/6 + k2/3 + k3/3 + k4/6 + x.</item>
/// </list>
/// The last pass writes "{x}__new"; Step then swaps it with x (no copy).
/// </summary>
internal sealed class FieldSolverPasses
{
    private readonly BoundModel _model;
    private readonly FieldProgram _program;
    private readonly SourceLines _lines;
    private readonly int[] _here;

    public FieldSolverPasses(BoundModel model, FieldProgram program, SourceLines lines)
    {
        _model = model;
        _program = program;
        _lines = lines;
        _here = new int[program.Dims];
    }

    public int Radius { get; private set; }

    public HashSet<string> SpacingUniforms { get; } = new();

    public void Lower(SolverKind solver)
    {
        var states = _model.Equations.Select(e => e.State).ToList();
        switch (solver)
        {
            case SolverKind.Euler:
            {
                var pass = Pass("euler: x' = x + dt*f(x)");
                var f = Derivatives(pass, s => s.Name, "t", "f");
                foreach (var s in states) Store(pass, New(s), Add(Centre(s.Name), Mul(Dt, Ref(f[s]))));
                break;
            }
            case SolverKind.Rk2:
            {
                var pass1 = Pass("rk2 stage 1: k = dt*f(x); midpoint x + k/2");
                var k1 = Scaled(pass1, s => s.Name, "t", 1);
                foreach (var s in states) Store(pass1, Stage(s), Add(Centre(s.Name), Div(Ref(k1[s]), 2)));
                var pass2 = Pass("rk2 stage 2: x' = x + dt*f(midpoint)");
                var f2 = Derivatives(pass2, Stage, "t__half", "f2");
                foreach (var s in states) Store(pass2, New(s), Add(Centre(s.Name), Mul(Dt, Ref(f2[s]))));
                break;
            }
            default:
            {
                // rk4
                string[] times = { "t", "t__half", "t__half", "t__end" };
                System.Func<StateSymbol, string> source = s => s.Name;
                for (int stage = 1; stage <= 3; stage++)
                {
                    var pass = Pass($"rk4 stage {stage}: k{stage} = dt*f; next stage x + " + (stage == 3 ? "k3" : $"k{stage}/2"));
                    var k = Scaled(pass, source, times[stage - 1], stage);
                    foreach (var s in states)
                    {
                        Store(pass, K(s, stage), Ref(k[s]));
                        IrExpr increment = stage == 3 ? Ref(k[s]) : Div(Ref(k[s]), 2);
                        // The stage array is read by the next pass only, and rewritten by it only after all cells are read.
                        Store(pass, StageOf(s, stage + 1), Add(Centre(s.Name), increment));
                    }
                    int next = stage + 1;
                    source = s => StageOf(s, next);
                }
                var last = Pass("rk4 stage 4: x' = k1/6 + k2/3 + k3/3 + k4/6 + x");
                var k4 = Scaled(last, source, times[3], 4);
                foreach (var s in states)
                {
                    IrExpr sum = Add(Add(Add(Div(Centre(K(s, 1)), 6), Div(Centre(K(s, 2)), 3)), Div(Centre(K(s, 3)), 3)), Div(Ref(k4[s]), 6));
                    Store(last, New(s), Add(sum, Centre(s.Name)));
                }
                break;
            }
        }
        foreach (var s in states) _program.Swaps.Add((s.Name, New(s)));
    }

    // rk4 alternates two stage arrays so a pass never overwrites the array it reads neighbours from.
    private string StageOf(StateSymbol s, int stage) => Temporary(stage % 2 == 0 ? $"{s.Name}__sA" : $"{s.Name}__sB");

    private string Stage(StateSymbol s) => Temporary($"{s.Name}__s");

    private string K(StateSymbol s, int stage) => Temporary($"{s.Name}__k{stage}");

    private string New(StateSymbol s) => Temporary($"{s.Name}__new");

    private string Temporary(string name)
    {
        if (!_program.Temporaries.Contains(name)) _program.Temporaries.Add(name);
        return name;
    }

    private FieldSweep Pass(string comment)
    {
        var pass = new FieldSweep(comment, new List<IrAssign>(), new List<(string, string)>());
        _program.Sweeps.Add(pass);
        return pass;
    }

    /// <summary>Locals f = the right-hand sides, reading states from <paramref name="source"/> arrays.</summary>
    private Dictionary<StateSymbol, string> Derivatives(FieldSweep pass, System.Func<StateSymbol, string> source, string time, string prefix)
    {
        var stencil = new StencilLowerer(_program.Dims, _program.Order, source, name => new IrRef(time, SlotKind.Uniform));
        var result = new Dictionary<StateSymbol, string>();
        foreach (var equation in _model.Equations)
        {
            string name = $"{equation.State.Name}__{prefix}";
            pass.Locals.Add(new IrAssign(name, stencil.Lower(equation.Rhs, _here), _lines.LineOf(equation.Syntax.Span.Start),
                $"d{equation.State.Name}/dt"));
            result[equation.State] = name;
        }
        Radius = System.Math.Max(Radius, stencil.Radius);
        SpacingUniforms.UnionWith(stencil.SpacingUniforms);
        return result;
    }

    /// <summary>Locals k = dt·f.</summary>
    private Dictionary<StateSymbol, string> Scaled(FieldSweep pass, System.Func<StateSymbol, string> source, string time, int stage)
    {
        var f = Derivatives(pass, source, time, $"f{stage}");
        var k = new Dictionary<StateSymbol, string>();
        foreach (var equation in _model.Equations)
        {
            string name = $"{equation.State.Name}__k{stage}";
            pass.Locals.Add(new IrAssign(name + "__local", Mul(Dt, Ref(f[equation.State]))));
            k[equation.State] = name + "__local";
        }
        return k;
    }

    private void Store(FieldSweep pass, string array, IrExpr value)
    {
        string local = array + "__value";
        pass.Locals.Add(new IrAssign(local, value));
        pass.Stores.Add((array, local));
    }

    private IrExpr Centre(string array) => new IrLoad(array, System.Array.Empty<IrIndex>());

    private static IrExpr Dt => new IrRef("dt", SlotKind.Uniform);

    private static IrRef Ref(string local) => new(local, SlotKind.Local);

    private static IrExpr Add(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Add, a, b);

    private static IrExpr Mul(IrExpr a, IrExpr b) => new IrBinary(IrBinaryOp.Multiply, a, b);

    private static IrExpr Div(IrExpr a, double b) => new IrBinary(IrBinaryOp.Divide, a, new IrConstant(b));
}
