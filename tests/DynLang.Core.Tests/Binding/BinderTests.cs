using DynLang.Core.Binding;
using DynLang.Core.Diagnostics;
using DynLang.Core.Tests.TestSupport;

namespace DynLang.Core.Tests.Binding;

public sealed class BinderTests
{
    [Fact]
    public void IndexSetsOfAMatrixAndAVectorUsedWithTheOtherIndexUnify()
    {
        // s[j] uses j at s's position (set i), so W[i,j] is square: one set.
        var model = Compile.BindClean("""
            function rho(s) = tanh(s)
            system Hopfield(b[i]) {
              param W[i,j] symmetric
              state s[i]
              ds[i]/dt = -s[i] + sum(j, W[i,j]*rho(s[j])) + b[i]
            }
            """);
        Assert.Single(model.IndexSets);
        Assert.Equal("i", model.IndexSets[0].Name);
    }

    [Fact]
    public void AMatrixBetweenTwoVectorsKeepsTwoSetsInDeclarationOrder()
    {
        var model = Compile.BindClean("""
            rule Oja(x[j]) on W[i,j] {
              param eta = 0.01
              y[i] = sum(j, W[i,j]*x[j])
              dW[i,j]/dt = eta*y[i]*(x[j] - y[i]*W[i,j])
            }
            """);
        Assert.Equal(new[] { "i", "j" }, model.IndexSets.Select(s => s.Name));
        var y = model.Definitions.Single();
        Assert.Equal("i", y.IndexSets.Single().Root.Name);
    }

    [Fact]
    public void DefinitionsAreOrderedByDependencyNotBySourceOrder()
    {
        var model = Compile.BindClean("""
            system S {
              state x = 1
              c = b + 1
              b = a * 2
              a = x
              dx/dt = -c
            }
            """);
        Assert.Equal(new[] { "a", "b", "c" }, model.Definitions.Select(d => d.Name));
    }

    [Fact]
    public void ADefaultThatUsesAnotherParameterIsDerived()
    {
        var model = Compile.BindClean("""
            system S {
              param Apre = 0.01, taupre = 20 ms, taupost = 20 ms
              param Apost = -Apre * taupre / taupost * 1.05
              state x = 1
              dx/dt = -x / taupre
            }
            """);
        Assert.False(model.Parameters.Single(p => p.Name == "Apre").IsDerived);
        Assert.True(model.Parameters.Single(p => p.Name == "Apost").IsDerived);
    }

    [Fact]
    public void UserFunctionsAreInlinedWithTheirArguments()
    {
        var model = Compile.BindClean("""
            function sq(u) = u*u
            system S {
              state x = 2
              dx/dt = -sq(x + 1)
            }
            """);
        var rhs = model.Equations.Single().Rhs;
        // -( (x+1) * (x+1) ): the body with its parameter replaced, no call node left.
        Assert.DoesNotContain(BoundWalker.DescendantsAndSelf(rhs), n => n is BoundCall or BoundOpaqueCall);
        Assert.Equal(2, BoundWalker.ReferencedSymbols(rhs).Count(s => s.Name == "x"));
    }

    [Fact]
    public void RecursiveUserFunctionIsReportedNotOverflowed()
    {
        var (_, diagnostics) = Compile.Bind("""
            function f(u) = f(u) + 1
            system S { state x = 1
              dx/dt = f(x) }
            """);
        Assert.Contains(diagnostics, d => d.Id == DiagnosticDescriptors.CyclicDefinition.Id && d.Message.Contains("f → f"));
    }

    [Fact]
    public void AStateReadInAParameterDefaultIsNotAllowed()
    {
        var (_, diagnostics) = Compile.Bind("""
            system S { state x = 1
              param k = x * 2
              dx/dt = -k*x }
            """);
        var d = Assert.Single(diagnostics, d => d.Id == DiagnosticDescriptors.NotAllowedHere.Id);
        Assert.Equal("'x' is a state; the value of parameter 'k' can use only parameters and constants", d.Message);
    }

    [Fact]
    public void DerivativeOfAnEnergyBindsToTheEnergysValue()
    {
        var model = Compile.BindClean("""
            system G(b[i]) {
              state s[i]
              energy E = 0.5*sum(i, s[i]^2) - sum(i, b[i]*s[i])
              ds[i]/dt = -d(E)/d(s[i])
            }
            """);
        var rhs = model.Equations.Single().Rhs;
        var derivative = Assert.IsType<BoundDerivative>(Assert.IsType<BoundUnary>(rhs).Operand);
        Assert.Equal("s", derivative.WithRespectTo.Symbol.Name);
    }

    [Fact]
    public void MisspeltNameGetsASuggestion()
    {
        var (_, diagnostics) = Compile.Bind("""
            neuron N { param tau_m = 10 ms
              state v = 0 mV
              dv/dt = -v / tau_n }
            """);
        var d = Assert.Single(diagnostics, d => d.IsError);
        Assert.Equal("'tau_n' is not defined in neuron 'N'; did you mean 'tau_m'?", d.Message);
    }
}
