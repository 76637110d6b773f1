namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// A standard normal random number, drawn once per element and step for noise stream
/// <see cref="Stream"/> (the index of the noise symbol <c>xi</c>, <c>xi_1</c>, … in the model).
/// Backends key the draw by (instance seed, stream, element index, step index) with a
/// counter-based generator, so the value does not depend on how elements are split over
/// threads or vector lanes. Only the scalar printer prints it: models with noise are not
/// vectorised.
/// </summary>
public sealed record IrNormal(int Stream) : IrExpr;
