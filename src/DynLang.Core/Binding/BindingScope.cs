using System.Collections.Generic;

namespace DynLang.Core.Binding;

/// <summary>Which symbols an expression may use, and where it stands (for messages).</summary>
internal enum ValueContext
{
    /// <summary>Parameter defaults, ranges, state initial values, refractory periods: parameters and constants.</summary>
    ParametersOnly,
    /// <summary>Equations, definitions, events, invariants: everything.</summary>
    Dynamics,
}

/// <summary>
/// The scope of one expression being bound: the allowed symbol kinds, the index variables in
/// scope (equation left-hand side, sums), and the arguments of an inlined user function.
/// Immutable; nested scopes are new instances.
/// </summary>
internal sealed class BindingScope
{
    private BindingScope(ValueContext context, string where, Dictionary<string, IndexVariable> indices,
        Dictionary<string, Binding.BoundExpr> arguments, Dictionary<string, long> argumentSizes, IReadOnlyList<string> functionStack)
    {
        ArgumentSizes = argumentSizes;
        Context = context;
        Where = where;
        Indices = indices;
        Arguments = arguments;
        FunctionStack = functionStack;
    }

    /// <summary>A fresh scope.</summary>
    public static BindingScope Create(ValueContext context, string where) =>
        new(context, where, new Dictionary<string, IndexVariable>(), new Dictionary<string, BoundExpr>(),
            new Dictionary<string, long>(), new List<string>());

    public ValueContext Context { get; }

    /// <summary>"the default of parameter 'tau'" — completes "… can use only parameters".</summary>
    public string Where { get; }

    public Dictionary<string, IndexVariable> Indices { get; }

    public Dictionary<string, BoundExpr> Arguments { get; }

    /// <summary>The size, in nodes, of each argument's expression as a tree (for the inlining budget).</summary>
    public Dictionary<string, long> ArgumentSizes { get; }

    /// <summary>User functions being inlined (to detect recursion).</summary>
    public IReadOnlyList<string> FunctionStack { get; }

    /// <summary>A scope with more index variables (sums).</summary>
    public BindingScope WithIndices(IEnumerable<IndexVariable> variables)
    {
        var indices = new Dictionary<string, IndexVariable>(Indices);
        foreach (var variable in variables) indices[variable.Name] = variable;
        return new BindingScope(Context, Where, indices, Arguments, ArgumentSizes, FunctionStack);
    }

    /// <summary>The scope inside a user function's body: only its parameters and the model's names.</summary>
    public BindingScope ForFunctionBody(string function, Dictionary<string, BoundExpr> arguments, Dictionary<string, long> argumentSizes)
    {
        var stack = new List<string>(FunctionStack) { function };
        return new BindingScope(Context, Where, Indices, arguments, argumentSizes, stack);
    }
}
