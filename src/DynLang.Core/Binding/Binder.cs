using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DynLang.Core.Ast;
using DynLang.Core.Diagnostics;
using DynLang.Core.Text;
using DynLang.Core.Units;

namespace DynLang.Core.Binding;

/// <summary>
/// Resolves every name of one model: declarations, scopes, index sets, user functions
/// (inlined), units used as values. Reports undefined and duplicate names, wrong arity and
/// misplaced constructs, each located in the .dyn file. Units are checked afterwards by
/// <see cref="Units.UnitChecker"/>; this class only finds what the names mean.
/// </summary>
public sealed partial class Binder
{
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "t", "dt", "Count", "Parameters", "Step", "Time", "StepIndex", "Reset", "Spikes", "SpikeCount", "Spiked",
        "CopySpikeIndices", "ChunkSize", "ParallelWork", "NeverSpiked", "ComputePropagator", "StepRange", "Execute",
        "Math", "MathF", "Vector", "Span", "ScalarMath", "VectorMath", "FastMath", "WorkerPool", "Unsafe", "MemoryMarshal",
        "Interlocked", "System", "DynLang", "Array", "MatrixExponential", "MatrixExponentialWorkspace",
        "ArgumentOutOfRangeException", "InvalidOperationException", "IRangeKernel", "DefaultTimeStep", "StabilityBound",
        // Network members of generated classes (populations and synapses).
        "Name", "SpikesThisStep", "StepCore", "ApplyResets", "CompactSpikes", "Prepare", "Run", "Seed", "Connectivity",
        "INetworkObject", "ISpikeSource", "NetworkPhase", "NetworkClock", "SpikeQueue", "ErrorContext", "Pre", "Post",
        // Split synapse loops: the members of synapse classes and the runtime types they name.
        "ParallelThresholdNanoseconds", "ParallelPasses", "RunJob", "RunRange", "DeliverPre", "DeliverPost",
        "DeliverPreSlices", "DeliverPostSlices", "StepClockDriven", "StepClockDrivenRange", "ComputeSums",
        "SlicedDelivery", "SliceEvents", "SynapseSlices", "SynapseParallelism", "IParallelLoops",
        // White noise: the generated draw calls CounterRng.
        "CounterRng",
        // The TorchSharp class ({Model}Torch): its members and the types it names.
        "Device", "DType", "ParameterTensors", "StepDifferentiable", "Dispose", "Tensor", "ScalarType", "torch", "TorchSharp",
        "IDisposable", "ArgumentException", "ArgumentNullException",
        // The finite-state guard of CPU classes.
        "CheckFinite", "CheckFiniteStates",
    };

    private static readonly HashSet<string> ReservedTypeNames = new(StringComparer.Ordinal)
    {
        "Math", "MathF", "Vector", "Span", "ScalarMath", "VectorMath", "FastMath", "WorkerPool", "Unsafe", "MemoryMarshal",
        "Interlocked", "System", "DynLang", "Array", "MatrixExponential", "MatrixExponentialWorkspace",
        "ArgumentOutOfRangeException", "InvalidOperationException", "IRangeKernel",
        "INetworkObject", "ISpikeSource", "NetworkPhase", "NetworkClock", "Connectivity", "SpikeQueue", "ErrorContext", "CounterRng",
        "SlicedDelivery", "SliceEvents", "SynapseSlices", "SynapseParallelism", "IParallelLoops",
    };

    /// <summary>The names every model sees without declaring them (t and dt vary: NaN); editor completion lists them too.</summary>
    internal static readonly IReadOnlyList<(string Name, double Value)> BuiltinConstants = new[]
    {
        ("t", double.NaN), ("dt", double.NaN), ("pi", Math.PI), ("e", Math.E), ("inf", double.PositiveInfinity),
    };

    private readonly ModelDecl _model;
    private readonly DiagnosticBag _diagnostics;
    private readonly BoundModel _bound;
    private readonly Dictionary<string, Symbol> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FunctionDecl> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexSet> _setsByName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NoiseSymbol> _noises = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BuiltinSymbol> _builtins;
    private readonly Dictionary<Symbol, BindState> _lazyState = new();
    private readonly List<Symbol> _bindingStack = new();

    private enum BindState { InProgress, Done }

    private readonly Func<string, BoundModel?>? _peers;
    private readonly List<Definition> _summedDefinitions = new();

    private Binder(ModelDecl model, IEnumerable<FunctionDecl> fileFunctions, DiagnosticBag diagnostics, Func<string, BoundModel?>? peers)
    {
        _model = model;
        _peers = peers;
        _diagnostics = diagnostics;
        _inlining = new InliningBudget(_functions);
        _bound = new BoundModel(model);
        foreach (var function in fileFunctions) _functions[function.Name.Name] = function;
        _builtins = new Dictionary<string, BuiltinSymbol>(StringComparer.Ordinal);
        foreach (var (name, value) in BuiltinConstants) _builtins[name] = new BuiltinSymbol(name, value);
        _bound.Time = _builtins["t"];
        _bound.TimeStep = _builtins["dt"];
    }

    /// <summary>
    /// Binds one model. File-level functions are visible to every model of the file.
    /// <paramref name="peers"/> finds the other models of the file by name, bound and unit-checked
    /// (a synapse's pre and post models); null when there are none.
    /// Never throws for a model the parser produced.
    /// </summary>
    public static BoundModel Bind(ModelDecl model, IEnumerable<FunctionDecl> fileFunctions, DiagnosticBag diagnostics,
        Func<string, BoundModel?>? peers = null)
    {
        var binder = new Binder(model, fileFunctions, diagnostics, peers);
        binder.Run();
        return binder._bound;
    }

    private void Run()
    {
        _bound.UsesUnits = SyntaxUsesUnits(_model);
        DeclareHeader();
        // A synapse between neuron models with units is checked against them, even when it
        // writes no unit itself (`param w = 0.5` into `post.v` in mV is then a unit error).
        if (_bound.PreModel?.UsesUnits == true || _bound.PostModel?.UsesUnits == true) _bound.UsesUnits = true;
        DeclareMembers();
        BindParameters();
        BindStates();
        BindDefinitions();
        BindSolverOptions();
        BindQuantities();   // before equations: d(E)/d(x) in an equation differentiates E's value
        BindEquations();
        BindEvents();
        BindSurrogate();
        BindSummed();
        BindAssertions();
        CheckStructure();
        _bound.CollectIndexSets(_symbols.Values.SelectMany(s => s.IndexSets));
    }

    // ---- declarations -------------------------------------------------------------------------

    private void DeclareHeader()
    {
        // The target first: a rule's matrix W[i,j] names the index sets in the order users expect (i, then j).
        DeclareTarget();
        foreach (var item in _model.Signature)
        {
            switch (item)
            {
                case PrePostSignature prePost when _model.Kind != ModelKind.Synapse:
                    Report(DiagnosticDescriptors.InvalidModelHeader, prePost.Span,
                        $"'{(prePost.IsPre ? "pre" : "post")} {prePost.Model.Name}' names a neuron population; only synapse models have pre and post");
                    break;
                case PrePostSignature prePost:
                    DeclarePeer(prePost);
                    break;
                case InputSignature input:
                    if (_model.Kind == ModelKind.Neuron && input.Indices.Count > 0)
                    {
                        Report(DiagnosticDescriptors.NotAllowedInKind, input.Span, "an indexed input", "neuron",
                            " (each neuron is one element; write 'input I' without indices)");
                        break;
                    }
                    var inputSymbol = new InputSymbol(input.Name.Name, input.Name.Span, DeclareSets(input.Indices), input.Unit);
                    if (Declare(inputSymbol)) _bound.Inputs.Add(inputSymbol);
                    break;
            }
        }
        if (_model.Kind == ModelKind.Synapse && !_model.Signature.OfType<PrePostSignature>().Any())
        {
            Report(DiagnosticDescriptors.InvalidModelHeader, _model.Name.Span,
                $"synapse '{_model.Name.Name}' needs its neuron populations: write 'synapse {_model.Name.Name}(pre A, post B)'");
        }
    }

    private void DeclareTarget()
    {
        switch (_model.Target)
        {
            case IndexedTarget target when _model.Kind == ModelKind.Rule:
                // The weight matrix a rule updates is its state.
                var syntax = new VariableItem(target.Name, target.Indices, null, null, null, Array.Empty<DeclFlag>(), target.Span);
                var state = new StateSymbol(syntax, DeclareSets(target.Indices));
                if (Declare(state)) _bound.States.Add(state);
                break;
            case GridTarget when _model.Kind == ModelKind.Field:
                break;
            case null when _model.Kind == ModelKind.Rule:
                Report(DiagnosticDescriptors.InvalidModelHeader, _model.Name.Span,
                    $"rule '{_model.Name.Name}' needs the matrix it updates: write 'rule {_model.Name.Name}(x[j], y[i]) on W[i,j]'");
                break;
            case null when _model.Kind == ModelKind.Field:
                Report(DiagnosticDescriptors.InvalidModelHeader, _model.Name.Span,
                    $"field '{_model.Name.Name}' needs a grid: write 'field {_model.Name.Name} on grid2d(periodic)'");
                break;
            case null:
                break;
            default:
                Report(DiagnosticDescriptors.InvalidModelHeader, _model.Target.Span, _model.Kind switch
                {
                    ModelKind.Rule => "a rule's 'on' names the matrix it updates, with its indices: 'on W[i,j]'",
                    ModelKind.Field => "a field's 'on' names its grid: 'on grid1d(periodic)', 'on grid2d(neumann)'",
                    _ => $"a {KindWord} model has no 'on' clause; only rules ('on W[i,j]') and fields ('on grid2d(...)') do",
                });
                break;
        }
    }

    private void DeclareMembers()
    {
        foreach (var member in _model.Members)
        {
            switch (member)
            {
                case VariableDecl declaration:
                    foreach (var item in declaration.Items) DeclareVariable(declaration.Role, item);
                    break;
                case Definition definition:
                    DeclareDefinition(definition);
                    break;
                case FunctionDecl function:
                    if (_functions.ContainsKey(function.Name.Name) && _model.Members.Contains(function) &&
                        _functions[function.Name.Name] is { } previous && _model.Members.Contains(previous))
                    {
                        ReportDuplicate(function.Name, previous.Name.Span);
                    }
                    else
                    {
                        _functions[function.Name.Name] = function;
                    }
                    break;
                case EnergyDecl energy:
                    DeclareQuantity(new NamedQuantitySymbol(energy.Name, SymbolKind.Energy, energy.Unit, energy));
                    break;
                case InvariantDecl invariant:
                    DeclareQuantity(new NamedQuantitySymbol(invariant.Name, SymbolKind.Invariant, invariant.Unit, invariant));
                    break;
                case SolverDecl solver:
                    if (_bound.Solver is not null)
                        Report(DiagnosticDescriptors.DuplicateDeclaration, solver.Span, "solver", ModelWords, LineOf(_bound.Solver.Span));
                    else _bound.Solver = solver;
                    break;
                case PrecisionDecl precision:
                    if (_bound.Precision is not null)
                        Report(DiagnosticDescriptors.DuplicateDeclaration, precision.Span, "precision", ModelWords, LineOf(_bound.Precision.Span));
                    else if (!Precisions.Contains(precision.Name.Name))
                        Report(DiagnosticDescriptors.InvalidPrecision, precision.Name.Span, precision.Name.Name);
                    else _bound.Precision = precision;
                    break;
                case MathDecl math:
                    if (_bound.Math is not null)
                        Report(DiagnosticDescriptors.DuplicateDeclaration, math.Span, "math", ModelWords, LineOf(_bound.Math.Span));
                    else if (!Lowering.Ir.MathModes.TryParse(math.Name.Name, out _))
                        Report(DiagnosticDescriptors.UnknownMathMode, math.Name.Span, math.Name.Name, Lowering.Ir.MathModes.Suggestion(math.Name.Name));
                    else _bound.Math = math;
                    break;
            }
        }
    }

    private void DeclareVariable(VariableRole role, VariableItem item)
    {
        if (_model.Kind == ModelKind.Neuron && item.Indices.Count > 0)
        {
            Report(DiagnosticDescriptors.NotAllowedInKind, item.Span, $"the indexed {RoleWord(role)} '{item.Name.Name}'", "neuron",
                " (each neuron is one element: its variables have no indices)");
            return;
        }
        var sets = DeclareSets(item.Indices);
        Symbol symbol = role switch
        {
            VariableRole.Param => new ParameterSymbol(item, sets),
            VariableRole.State => new StateSymbol(item, sets),
            _ => new InputSymbol(item.Name.Name, item.Name.Span, sets, item.Unit),
        };
        if (!Declare(symbol)) return;
        switch (symbol)
        {
            case ParameterSymbol p: _bound.Parameters.Add(p); break;
            case StateSymbol s: _bound.States.Add(s); break;
            case InputSymbol i: _bound.Inputs.Add(i); break;
        }
        if (role == VariableRole.Input && item.Value is not null)
        {
            Report(DiagnosticDescriptors.FlagNotApplicable, item.Value.Span, "= value",
                "cannot be given to an input: inputs are written by host code each step (use a param for a constant)");
        }
        foreach (var flag in item.Flags)
        {
            if (flag.Kind == DeclFlagKind.Symmetric && (item.Indices.Count != 2))
                Report(DiagnosticDescriptors.FlagNotApplicable, flag.Span, "symmetric", "applies to matrices with two indices, such as W[i,j]");
        }
    }

    private void DeclareDefinition(Definition definition)
    {
        var target = definition.Target;
        if (target.Scope is not null)
        {
            // post.x = … (summed): bound after the events (BindSummed).
            if (_model.Kind != ModelKind.Synapse)
                Report(DiagnosticDescriptors.NotAllowedInKind, target.Span, $"'{target.Scope.Name}.{target.Name.Name}'",
                    KindWord, "; pre. and post. exist only in synapse models");
            else
                _summedDefinitions.Add(definition);
            return;
        }
        var variables = new List<IndexVariable>();
        foreach (var index in target.Indices)
        {
            if (index is Reference { Scope: null, Indices.Count: 0 } name)
                variables.Add(new IndexVariable(name.Name.Name, null));
            else
                Report(DiagnosticDescriptors.InvalidIndex, index.Span, _diagnostics.Source.Slice(index.Span),
                    "the left-hand side of a definition names index variables, such as y[i]");
        }
        // The index sets of a defined array follow from its right-hand side (bound lazily).
        var symbol = new DefinitionSymbol(definition, new IndexSetPlaceholder(variables), variables);
        if (Declare(symbol)) _bound.Definitions.Add(symbol);
    }

    private void DeclareQuantity(NamedQuantitySymbol symbol)
    {
        if (Declare(symbol)) _bound.Quantities.Add(symbol);
    }

    /// <summary>Index sets named by a declaration (<c>W[i,j]</c> → sets i and j).</summary>
    private List<IndexSet> DeclareSets(IReadOnlyList<Identifier> indices)
    {
        var sets = new List<IndexSet>();
        foreach (var index in indices)
        {
            if (!_setsByName.TryGetValue(index.Name, out var set))
            {
                set = new IndexSet(index.Name);
                _setsByName[index.Name] = set;
            }
            sets.Add(set);
        }
        return sets;
    }

    private bool Declare(Symbol symbol)
    {
        var span = symbol.DeclarationSpan;
        if (ReservedNames.Contains(symbol.Name) || symbol.Name == "xi" || symbol.Name.StartsWith("xi_", StringComparison.Ordinal)
            || symbol.Name.Contains("__") || symbol.Name.StartsWith("_", StringComparison.Ordinal))
        {
            string why = symbol.Name switch
            {
                "t" => "it is the time",
                "dt" => "it is the time step",
                _ when symbol.Name.StartsWith("xi", StringComparison.Ordinal) => "xi names white noise",
                _ when symbol.Name.StartsWith("_", StringComparison.Ordinal) || symbol.Name.Contains("__") =>
                    "names starting with '_' or containing '__' are kept for generated code",
                _ when ReservedTypeNames.Contains(symbol.Name) => "generated code uses a type of that name",
                _ => "the generated C# class has a member of that name",
            };
            Report(DiagnosticDescriptors.ReservedName, span, symbol.Name, why);
            // Built-in names stay built-in; other reserved names are still declared, so their
            // uses do not add "not defined" errors to the one that matters.
            if (symbol.Name is "t" or "dt" || symbol.Name.StartsWith("xi", StringComparison.Ordinal)) return false;
            if (_symbols.ContainsKey(symbol.Name)) return false;
            _symbols[symbol.Name] = symbol;
            return false;
        }
        if (_symbols.TryGetValue(symbol.Name, out var existing))
        {
            ReportDuplicate(new Identifier(symbol.Name, span), existing.DeclarationSpan);
            return false;
        }
        _symbols[symbol.Name] = symbol;
        return true;
    }

    private void ReportDuplicate(Identifier name, TextSpan firstSpan) =>
        Report(DiagnosticDescriptors.DuplicateDeclaration, name.Span, name.Name, ModelWords, LineOf(firstSpan));

    // ---- binding of declarations --------------------------------------------------------------

    private void BindParameters()
    {
        foreach (var parameter in _bound.Parameters) EnsureParameterBound(parameter);
    }

    private void EnsureParameterBound(ParameterSymbol parameter)
    {
        if (!EnterLazy(parameter)) return;
        var item = parameter.Syntax;
        var scope = BindingScope.Create(ValueContext.ParametersOnly, $"the value of parameter '{parameter.Name}'");
        if (item.Value is not null)
        {
            if (parameter.Rank > 0)
            {
                Report(DiagnosticDescriptors.FlagNotApplicable, item.Value.Span, "= value",
                    $"cannot be given to the indexed parameter '{parameter.Name}': its values are set from host code");
            }
            else
            {
                int before = _dependencyCount;
                parameter.Default = BindValue(item.Value, scope);
                parameter.IsDerived = _dependencyCount > before;
            }
        }
        if (item.Range is { } range)
            parameter.Range = (BindValue(range.Low, scope), BindValue(range.High, scope));
        ExitLazy(parameter);
    }

    private void BindStates()
    {
        foreach (var state in _bound.States)
        {
            var item = state.Syntax;
            var scope = BindingScope.Create(ValueContext.ParametersOnly, $"the initial value of state '{state.Name}'");
            if (item.Value is not null)
            {
                if (state.Rank > 0)
                    Report(DiagnosticDescriptors.FlagNotApplicable, item.Value.Span, "= value",
                        $"cannot be given to the indexed state '{state.Name}' yet: its initial values are set from host code");
                else
                    state.Initial = BindValue(item.Value, scope);
            }
            else if (state.Rank == 0 && _model.Kind is ModelKind.Neuron or ModelKind.System or ModelKind.Synapse)
            {
                Report(DiagnosticDescriptors.MissingInitialValue, item.Name.Span, state.Name);
            }
            if (item.Range is { } range)
            {
                var rangeScope = BindingScope.Create(ValueContext.ParametersOnly, $"the range of state '{state.Name}'");
                state.Range = (BindValue(range.Low, rangeScope), BindValue(range.High, rangeScope));
            }
        }
    }

    private void BindDefinitions()
    {
        foreach (var definition in _bound.Definitions.ToList()) EnsureDefinitionBound(definition);
        // Dependency order: the lazy binder finished each definition after the ones it uses.
        _bound.Definitions.Clear();
        _bound.Definitions.AddRange(_definitionOrder);
    }

    private readonly List<DefinitionSymbol> _definitionOrder = new();

    private void EnsureDefinitionBound(DefinitionSymbol definition)
    {
        if (!EnterLazy(definition)) return;
        var scope = BindingScope.Create(ValueContext.Dynamics, $"the definition of '{definition.Name}'")
            .WithIndices(definition.IndexVariables);
        definition.Value = BindValue(definition.Syntax.Value, scope);
        foreach (var variable in definition.IndexVariables)
        {
            if (variable.Set is null)
            {
                Report(DiagnosticDescriptors.UnboundIndex, definition.Syntax.Target.Span, variable.Name);
                variable.Set = new IndexSet(variable.Name);
            }
        }
        foreach (var flag in definition.Syntax.Flags)
            Report(DiagnosticDescriptors.FlagNotApplicable, flag.Span, FlagText(flag.Kind),
                flag.Kind == EquationFlagKind.Summed ? "applies to 'post.x = …' definitions of synapse models"
                    : "does not apply to a definition");
        _definitionOrder.Add(definition);
        ExitLazy(definition);
    }

    private void BindEquations()
    {
        var seen = new Dictionary<StateSymbol, OdeEquation>();
        foreach (var ode in _model.Members.OfType<OdeEquation>())
        {
            if (ode.IsMalformed) continue;
            if (!_symbols.TryGetValue(ode.State.Name, out var symbol) || symbol is not StateSymbol state)
            {
                string found = symbol is null
                    ? $"no state '{ode.State.Name}' is declared (add 'state {ode.State.Name} = …')"
                    : $"'{ode.State.Name}' is {symbol.KindWithArticle}";
                Report(DiagnosticDescriptors.EquationForNonState, ode.State.Span, ode.State.Name, found);
                // Bind the right-hand side anyway, so its own errors are reported too.
                BindValue(ode.Rhs, BindingScope.Create(ValueContext.Dynamics, "an equation")
                    .WithIndices(ode.Indices.Select(i => new IndexVariable(i.Name, null))));
                continue;
            }
            if (seen.TryGetValue(state, out var previous))
            {
                Report(DiagnosticDescriptors.DuplicateEquation, ode.LhsSpan, state.Name, LineOf(previous.Span));
                continue;
            }
            seen[state] = ode;
            if (ode.Indices.Count != state.Rank)
            {
                Report(DiagnosticDescriptors.IndexCountMismatch, ode.LhsSpan, state.Name, IndexWords(state.Rank), IndexWords(ode.Indices.Count));
                continue;
            }
            var variables = new List<IndexVariable>();
            for (int k = 0; k < ode.Indices.Count; k++)
            {
                if (variables.Any(v => v.Name == ode.Indices[k].Name))
                {
                    Report(DiagnosticDescriptors.IndexAlreadyBound, ode.Indices[k].Span, ode.Indices[k].Name,
                        "each position of the left-hand side needs its own letter");
                    continue;
                }
                variables.Add(new IndexVariable(ode.Indices[k].Name, state.IndexSets[k]));
            }
            var scope = BindingScope.Create(ValueContext.Dynamics, $"the equation of '{state.Name}'").WithIndices(variables);
            var rhs = BindValue(ode.Rhs, scope);
            var equation = new BoundEquation(ode, state, variables, rhs);
            state.Equation = equation;
            _bound.Equations.Add(equation);
            foreach (var flag in ode.Flags) CheckEquationFlag(flag);
        }
    }

    private void CheckEquationFlag(EquationFlag flag)
    {
        string? problem = flag.Kind switch
        {
            EquationFlagKind.Constant => "is not supported on equations yet (Brian2's 'constant over dt')",
            EquationFlagKind.UnlessRefractory when _model.Kind != ModelKind.Neuron => "applies to neuron models only",
            EquationFlagKind.EventDriven when _model.Kind != ModelKind.Synapse => "applies to synapse models only",
            EquationFlagKind.ClockDriven when _model.Kind is not (ModelKind.Synapse or ModelKind.Neuron) =>
                "applies to synapse and neuron models only",
            EquationFlagKind.Summed => "applies to 'post.x = …' definitions of synapse models",
            _ => null,
        };
        if (problem is not null) Report(DiagnosticDescriptors.FlagNotApplicable, flag.Span, FlagText(flag.Kind), problem);
    }

    private void BindEvents()
    {
        foreach (var block in _model.Members.OfType<EventBlock>())
        {
            EventTriggerKind kind;
            BoundExpr? condition = null;
            switch (block.Trigger)
            {
                case ConditionTrigger conditionTrigger:
                    kind = EventTriggerKind.Condition;
                    if (_model.Kind != ModelKind.Neuron)
                    {
                        Report(DiagnosticDescriptors.NotAllowedInKind, block.Trigger.Span, "an event 'on <condition>'", KindWord,
                            _model.Kind == ModelKind.Synapse ? "; synapses react to 'on pre' and 'on post'" : "; only neurons have threshold events");
                        continue;
                    }
                    condition = BindValue(conditionTrigger.Condition, BindingScope.Create(ValueContext.Dynamics, "an event condition"));
                    RequireCondition(condition, "the condition of 'on'");
                    break;
                case PreTrigger:
                case PostTrigger:
                    kind = block.Trigger is PreTrigger ? EventTriggerKind.Pre : EventTriggerKind.Post;
                    if (_model.Kind != ModelKind.Synapse)
                    {
                        Report(DiagnosticDescriptors.NotAllowedInKind, block.Trigger.Span,
                            $"'on {(kind == EventTriggerKind.Pre ? "pre" : "post")}'", KindWord, "; only synapse models receive spikes");
                        continue;
                    }
                    break;
                default:
                    continue;
            }
            var statements = new List<BoundStatement>();
            foreach (var statement in block.Statements)
            {
                if (BindStatement(statement, kind) is { } bound) statements.Add(bound);
            }
            _bound.Events.Add(new BoundEvent(block, kind, condition, statements));
        }
    }

    private BoundStatement? BindStatement(Statement statement, EventTriggerKind trigger)
    {
        var scope = BindingScope.Create(ValueContext.Dynamics, "an event");
        switch (statement)
        {
            case AssignStatement assign:
            {
                var value = BindValue(assign.Value, scope);
                RequireNumber(value);
                if (assign.Target.Scope is not null)
                {
                    if (_model.Kind != ModelKind.Synapse)
                    {
                        Report(DiagnosticDescriptors.NotAllowedInKind, assign.Target.Span, $"'{assign.Target.Scope.Name}.'",
                            KindWord, "; pre. and post. exist only in synapse models");
                        return null;
                    }
                    var external = ResolveExternal(assign.Target.Scope, assign.Target.Name, write: true);
                    if (external is null) return null;
                    return new BoundAssignment(new BoundSymbolRef(external, Array.Empty<BoundIndex>(), assign.Target.Scope.Name,
                        assign.Target.Span), assign.Op, value, assign.Span);
                }
                if (!_symbols.TryGetValue(assign.Target.Name.Name, out var symbol))
                {
                    ReportUndefined(assign.Target.Name, scope);
                    return null;
                }
                if (symbol is not StateSymbol)
                {
                    Report(DiagnosticDescriptors.ReadOnlyAssignment, assign.Target.Name.Span, symbol.KindWord, symbol.Name,
                        symbol is InputSymbol ? " (inputs are written by host code)" :
                        symbol is ParameterSymbol ? " (parameters are constant during a run)" : "");
                    return null;
                }
                if (assign.Target.Indices.Count != symbol.Rank)
                {
                    Report(DiagnosticDescriptors.IndexCountMismatch, assign.Target.Span, symbol.Name, IndexWords(symbol.Rank),
                        IndexWords(assign.Target.Indices.Count));
                    return null;
                }
                return new BoundAssignment(new BoundSymbolRef(symbol, Array.Empty<BoundIndex>(), null, assign.Target.Span),
                    assign.Op, value, assign.Span);
            }
            case EmitStatement emit:
                if (trigger != EventTriggerKind.Condition)
                {
                    Report(DiagnosticDescriptors.NotAllowedInKind, emit.Span, "'emit'", KindWord, "; only neuron events emit spikes");
                    return null;
                }
                if (emit.Event.Name != "spike")
                {
                    Report(DiagnosticDescriptors.UndefinedName, emit.Event.Span, emit.Event.Name, "the events a neuron can emit",
                        "; the only event is 'spike'");
                    return null;
                }
                return new BoundEmit(emit.Event.Name, emit.Span);
            case RefractoryStatement refractory:
            {
                if (trigger != EventTriggerKind.Condition)
                {
                    Report(DiagnosticDescriptors.NotAllowedInKind, refractory.Span, "'refractory'", KindWord, "; only neurons are refractory");
                    return null;
                }
                var duration = BindValue(refractory.Duration,
                    BindingScope.Create(ValueContext.ParametersOnly, "a refractory period"));
                RequireNumber(duration);
                return new BoundRefractory(duration, refractory.Span);
            }
            default:
                return null;
        }
    }

    /// <summary><c>solver euler (dt = 0.1 ms)</c>: the only option is the time step, a constant of parameters.</summary>
    private void BindSolverOptions()
    {
        if (_bound.Solver is null) return;
        foreach (var option in _bound.Solver.Options)
        {
            if (option.Name.Name != "dt")
            {
                Report(DiagnosticDescriptors.InvalidSolverOption, option.Name.Span,
                    $"unknown solver option '{option.Name.Name}'; the only option is dt, the time step (solver euler (dt = 0.1 ms))");
                continue;
            }
            if (_bound.DeclaredTimeStep is not null)
            {
                Report(DiagnosticDescriptors.InvalidSolverOption, option.Name.Span, "dt is given twice");
                continue;
            }
            _bound.DeclaredTimeStep = BindValue(option.Value, BindingScope.Create(ValueContext.ParametersOnly, "the time step"));
            RequireNumber(_bound.DeclaredTimeStep);
        }
    }

    private void BindQuantities()
    {
        foreach (var quantity in _bound.Quantities)
        {
            var value = quantity.Syntax switch
            {
                EnergyDecl energy => energy.Value,
                InvariantDecl invariant => invariant.Value,
                _ => null,
            };
            if (value is null) continue;
            quantity.Value = BindValue(value, BindingScope.Create(ValueContext.Dynamics, $"{quantity.KindWord} '{quantity.Name}'"));
            RequireNumber(quantity.Value);
        }
    }

    /// <summary>The words <c>precision</c> accepts (also offered by editor completion).</summary>
    internal static readonly string[] Precisions = { "float", "double" };

    /// <summary>The predicates of <c>assert name(…)</c> (also offered by editor completion after <c>assert</c>).</summary>
    internal static readonly string[] KnownPredicates = { "symmetric", "gradient_flow", "sign_preserving" };

    private void BindAssertions()
    {
        foreach (var assert in _model.Members.OfType<AssertDecl>())
        {
            switch (assert.Assertion)
            {
                case PredicateAssertion predicate when KnownPredicates.Contains(predicate.Predicate.Name):
                {
                    var arguments = new List<BoundExpr>();
                    foreach (var argument in predicate.Arguments)
                    {
                        if (argument is Reference { Scope: null, Indices.Count: 0 } name
                            && _symbols.TryGetValue(name.Name.Name, out var symbol))
                        {
                            arguments.Add(new BoundSymbolRef(symbol, Array.Empty<BoundIndex>(), null, name.Span));
                        }
                        else if (argument is Reference reference)
                        {
                            ReportUndefined(reference.Name, BindingScope.Create(ValueContext.Dynamics, "an assertion"));
                        }
                        else
                        {
                            Report(DiagnosticDescriptors.NotAValue, argument.Span, _diagnostics.Source.Slice(argument.Span),
                                "an expression", $"; {predicate.Predicate.Name}(…) takes the name of a matrix");
                        }
                    }
                    _bound.Assertions.Add(new BoundAssertion(assert, predicate.Predicate.Name, arguments, null));
                    break;
                }
                case PredicateAssertion predicate when !predicate.HasParentheses && _symbols.ContainsKey(predicate.Predicate.Name):
                {
                    // `assert flag` where flag is a name of the model: a condition.
                    var condition = BindValue(new Reference(null, predicate.Predicate, Array.Empty<Expr>(), predicate.Span),
                        BindingScope.Create(ValueContext.Dynamics, "an assertion"));
                    RequireCondition(condition, "an assertion");
                    _bound.Assertions.Add(new BoundAssertion(assert, null, Array.Empty<BoundExpr>(), condition));
                    break;
                }
                case PredicateAssertion predicate:
                    Report(DiagnosticDescriptors.UnknownAssertion, predicate.Predicate.Span, predicate.Predicate.Name,
                        string.Join(", ", KnownPredicates));
                    break;
                case ConditionAssertion conditionAssertion:
                {
                    var condition = BindValue(conditionAssertion.Condition, BindingScope.Create(ValueContext.Dynamics, "an assertion"));
                    RequireCondition(condition, "an assertion");
                    _bound.Assertions.Add(new BoundAssertion(assert, null, Array.Empty<BoundExpr>(), condition));
                    break;
                }
            }
        }
    }

    /// <summary>Whole-model rules that need every name bound first.</summary>
    private void CheckStructure()
    {
        var assignedInEvents = new HashSet<Symbol>(_bound.Events.SelectMany(e => e.Statements).OfType<BoundAssignment>()
            .Select(a => a.Target.Symbol));
        CheckGeneratedMemberNames();
        var malformed = new HashSet<string>(_model.Members.OfType<OdeEquation>().Where(o => o.IsMalformed).Select(o => o.State.Name));
        foreach (var state in _bound.States)
        {
            if (state.Equation is null && !assignedInEvents.Contains(state) && _model.Kind != ModelKind.Synapse
                && !malformed.Contains(state.Name))
                Report(DiagnosticDescriptors.StateWithoutEquation, state.DeclarationSpan, state.Name);
        }
        if (_model.Kind == ModelKind.Neuron)
        {
            var refractory = _bound.Events.SelectMany(e => e.Statements).OfType<BoundRefractory>().ToList();
            foreach (var extra in refractory.Skip(1))
                Report(DiagnosticDescriptors.InvalidRefractory, extra.Span, "a neuron has one refractory period; this is the second 'refractory'");
            // On a neuron, (clock_driven) means "integrated every step, also while refractory": the
            // way to say Brian2's default (nothing frozen) when DynLang's default would freeze it.
            foreach (var equation in _bound.Equations.Where(e => e.UnlessRefractory && e.ClockDriven))
            {
                var flag = equation.Syntax.Flags.First(f => f.Kind == EquationFlagKind.ClockDriven);
                Report(DiagnosticDescriptors.FlagNotApplicable, flag.Span, "clock_driven",
                    "contradicts '(unless refractory)' on the same equation: it is either frozen while refractory or not");
            }
            if (refractory.Count == 0)
            {
                foreach (var equation in _bound.Equations.Where(e => e.UnlessRefractory || e.ClockDriven))
                {
                    var kind = equation.UnlessRefractory ? EquationFlagKind.UnlessRefractory : EquationFlagKind.ClockDriven;
                    var flag = equation.Syntax.Flags.First(f => f.Kind == kind);
                    Report(DiagnosticDescriptors.FlagNotApplicable, flag.Span, FlagText(kind),
                        "has no effect: the model has no 'refractory' statement");
                }
            }
        }
    }

    /// <summary>
    /// The generated class has members named after the model's names: <c>WAt</c> for an indexed
    /// <c>W</c>, <c>SizeI</c> for an index set <c>i</c>. A declared name equal to one of them would
    /// give a duplicate member in the generated C#, so it is reported here instead.
    /// </summary>
    private void CheckGeneratedMemberNames()
    {
        var indexed = new HashSet<string>(_symbols.Values.Where(s => s.Rank > 0).Select(s => s.Name + "At"));
        var sizes = new HashSet<string>(_setsByName.Keys.Select(n => "Size" + char.ToUpperInvariant(n[0]) + n.Substring(1)));
        foreach (var symbol in _symbols.Values.Where(s => s.DeclarationSpan.Length > 0).OrderBy(s => s.DeclarationSpan.Start))
        {
            if (indexed.Contains(symbol.Name))
                Report(DiagnosticDescriptors.ReservedName, symbol.DeclarationSpan, symbol.Name,
                    $"the generated class names its element accessor of '{symbol.Name.Substring(0, symbol.Name.Length - 2)}' so");
            else if (sizes.Contains(symbol.Name))
                Report(DiagnosticDescriptors.ReservedName, symbol.DeclarationSpan, symbol.Name, "the generated class names an index set's size so");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private bool EnterLazy(Symbol symbol)
    {
        if (_lazyState.TryGetValue(symbol, out var state))
        {
            if (state == BindState.InProgress)
            {
                int start = _bindingStack.IndexOf(symbol);
                var cycle = _bindingStack.Skip(Math.Max(0, start)).Select(s => s.Name).Concat(new[] { symbol.Name });
                Report(DiagnosticDescriptors.CyclicDefinition, symbol.DeclarationSpan, symbol.Name, string.Join(" → ", cycle));
            }
            return false;
        }
        _lazyState[symbol] = BindState.InProgress;
        _bindingStack.Add(symbol);
        return true;
    }

    private void ExitLazy(Symbol symbol)
    {
        _lazyState[symbol] = BindState.Done;
        _bindingStack.Remove(symbol);
    }

    private string KindWord => _model.Kind.ToString().ToLowerInvariant();

    private string ModelWords => $"{KindWord} '{_model.Name.Name}'";

    private int LineOf(TextSpan span) => _diagnostics.Source.GetLinePosition(span.Start).Line + 1;

    private static string RoleWord(VariableRole role) => role switch
    {
        VariableRole.Param => "parameter",
        VariableRole.State => "state",
        _ => "input",
    };

    private static string IndexWords(int count) => count switch
    {
        0 => "no indices",
        1 => "1 index",
        _ => $"{count} indices",
    };

    private static string FlagText(EquationFlagKind kind) => kind switch
    {
        EquationFlagKind.EventDriven => "event_driven",
        EquationFlagKind.ClockDriven => "clock_driven",
        EquationFlagKind.UnlessRefractory => "unless refractory",
        EquationFlagKind.Summed => "summed",
        _ => "constant",
    };

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args) =>
        _diagnostics.Report(descriptor, span, args);

    /// <summary>Any quantity literal, unit annotation or known unit name makes a model "with units".</summary>
    private static bool SyntaxUsesUnits(ModelDecl model) => UnitUsageFinder.UsesUnits(model);
}

/// <summary>
/// The index sets of a definition are known only after its right-hand side is bound; this
/// list reads them from the definition's index variables at that time.
/// </summary>
internal sealed class IndexSetPlaceholder : IReadOnlyList<IndexSet>
{
    private readonly IReadOnlyList<IndexVariable> _variables;

    public IndexSetPlaceholder(IReadOnlyList<IndexVariable> variables) => _variables = variables;

    public IndexSet this[int index] => _variables[index].Set ?? new IndexSet(_variables[index].Name);

    public int Count => _variables.Count;

    public IEnumerator<IndexSet> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
