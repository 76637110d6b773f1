using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Lowering.Solvers;

/// <summary>
/// A solver prepared by analysing the model before lowering (exponential Euler's split into
/// A·x + B, the stochastic solvers' split into drift and noise terms): it adds the integration
/// step — the <c>x__new</c> locals of every integrated state — to an elementwise program.
/// </summary>
internal interface IElementwiseSolver
{
    /// <summary>Adds the step to <paramref name="program"/> through <paramref name="lowerer"/>'s helpers.</summary>
    void Emit(ElementwiseProgram program, ElementwiseLowerer lowerer);
}
