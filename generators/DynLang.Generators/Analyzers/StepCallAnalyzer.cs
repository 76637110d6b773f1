using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using DynLang.Generators.Pipeline;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DynLang.Generators.Analyzers;

/// <summary>
/// DL0501 at the C# call site: <c>population.Step(0.05)</c> with a constant time step beyond the
/// stability bound of the model's explicit solver. The bound comes from the
/// <c>[StabilityBound]</c> attribute the generator puts on <c>Step(double)</c> (computed at the
/// model's default parameters, which the message says).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StepCallAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = RoslynDiagnostics.Get("DL0501");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var attribute = start.Compilation.GetTypeByMetadataName("DynLang.Runtime.StabilityBoundAttribute");
            if (attribute is null) return;
            start.RegisterOperationAction(operation => Analyze(operation, attribute), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name != "Step" || method.Parameters.Length != 1 || invocation.Arguments.Length != 1) return;
        var bound = method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
        if (bound is null || bound.ConstructorArguments.Length != 2 || bound.ConstructorArguments[0].Value is not double max) return;
        var argument = invocation.Arguments[0].Value;
        if (!argument.ConstantValue.HasValue || argument.ConstantValue.Value is null) return;
        double dt;
        try
        {
            dt = Convert.ToDouble(argument.ConstantValue.Value, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            return;
        }
        if (!(dt >= max)) return;
        string description = bound.ConstructorArguments[1].Value as string ?? "";
        string message = $"Step({dt.ToString("R", CultureInfo.InvariantCulture)}) is beyond the stability bound of {method.ContainingType.Name}: {description}";
        context.ReportDiagnostic(Diagnostic.Create(Rule, argument.Syntax.GetLocation(), message));
    }
}
