using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// The exact solver's propagator in a generated class (populations, and synapses for their
/// clock-driven equations): cached fields, the host lines that refresh and read it each step, and
/// <c>ComputePropagator</c> — closed form, or the matrix exponential where the closed form would
/// divide by a near-zero difference of eigenvalues (or has no closed form).
/// </summary>
internal static class PropagatorEmission
{
    public static void EmitFields(CodeWriter w, PropagatorBlock block, string parametersType)
    {
        w.Line("// The exact solver's propagator, cached until dt or the parameters change.");
        w.Line("private double __propagatorDt = double.NaN;");
        w.Line($"private {parametersType} __propagatorParameters;");
        foreach (var output in block.Outputs) w.Line($"private double __cached{output.Name};");
        w.Line("private double[]? __propagatorMatrix, __propagatorResult;");
        w.Line("private MatrixExponentialWorkspace? __propagatorWorkspace;");
    }

    /// <summary>Host lines of a step (after <c>var __p = Parameters;</c> and the parameter locals): the propagator's outputs and derived values as locals.</summary>
    public static void EmitLoad(CodeWriter w, PropagatorBlock block)
    {
        w.Line("if (!(__propagatorDt == dt) || !__propagatorParameters.Equals(__p)) ComputePropagator(dt, __p);");
        foreach (var output in block.Outputs) w.Line($"double {output.Name} = __cached{output.Name};");
        var printer = new ScalarPrinter(NumericType.Double, r => CSharpNames.Identifier(r.Name));
        foreach (var derived in block.Derived) w.Line($"double {derived.Target} = {printer.Print(derived.Value)};");
    }

    public static void EmitCompute(CodeWriter w, PropagatorBlock block, string parametersType, IEnumerable<string> parameterNames)
    {
        w.Doc("summary", "Computes the exact solver's propagator exp(M·dt) for M = [[A, I], [0, 0]]: " +
                         (block.HasSymbolic ? "from its closed form, or by the matrix exponential where the closed form would divide by a near-zero eigenvalue difference." : "by the matrix exponential (the states are coupled in a cycle, so there is no closed form)."));
        using (w.Block($"private void ComputePropagator(double dt, {parametersType} __p)"))
        {
            foreach (var parameter in parameterNames)
                w.Line($"double {CSharpNames.Identifier(parameter)} = __p.{CSharpNames.Identifier(parameter)};");
            var printer = new ScalarPrinter(NumericType.Double, r => CSharpNames.Identifier(r.Name));
            if (block.HasSymbolic)
            {
                var checks = block.Denominators.Select(d => $"Math.Abs(({printer.Print(d)}) * dt) < {NumericType.HostLiteral(Lowering.Solvers.ExactPropagation.SingularThreshold)}").ToList();
                w.Line($"bool __useMatrix = {(checks.Count == 0 ? "false" : string.Join(" || ", checks))};");
                using (w.Block("if (!__useMatrix)"))
                {
                    foreach (var entry in block.Symbolic) w.Line($"double {entry.Target} = {printer.Print(entry.Value)};");
                    string finite = string.Join(" && ", block.Symbolic.Select(e => $"double.IsFinite({e.Target})"));
                    using (w.Block($"if ({(finite.Length == 0 ? "true" : finite)})"))
                    {
                        foreach (var entry in block.Symbolic) w.Line($"__cached{entry.Target} = {entry.Target};");
                        w.Line("__propagatorDt = dt;");
                        w.Line("__propagatorParameters = __p;");
                        w.Line("return;");
                    }
                }
            }
            w.Line($"const int __size = {block.Size};");
            w.Line("__propagatorMatrix ??= new double[__size * __size];");
            w.Line("__propagatorResult ??= new double[__size * __size];");
            w.Line("__propagatorWorkspace ??= new MatrixExponentialWorkspace(__size);");
            w.Line("Array.Clear(__propagatorMatrix);");
            foreach (var (row, column, value) in block.Matrix)
                w.Line($"__propagatorMatrix[{row * block.Size + column}] = ({printer.Print(value)}) * dt;");
            w.Line("MatrixExponential.Compute(__propagatorMatrix, __size, __propagatorResult, __propagatorWorkspace);");
            foreach (var (name, row, column) in block.Outputs)
                w.Line($"__cached{name} = __propagatorResult[{row * block.Size + column}];");
            w.Line("__propagatorDt = dt;");
            w.Line("__propagatorParameters = __p;");
        }
        w.Line();
    }
}
