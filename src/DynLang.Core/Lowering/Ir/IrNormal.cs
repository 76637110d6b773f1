using System.Collections.Generic;

namespace DynLang.Core.Lowering.Ir;

/// <summary>
/// A standard normal random number, drawn once per element and step for noise stream
/// <see cref="Stream"/> (the index of the noise symbol <c>xi</c>, <c>xi_1</c>, … in the model).
/// Backends key the draw by (instance seed, stream, element index, step index) with a
/// counter-based generator, so the value does not depend on how elements are split over
/// threads or vector lanes. Only the scalar printer prints it: models with noise are not
/// vectorised.
/// <para>
/// In an elementwise model (and a synapse's clock-driven code) the element is the one being
/// computed. In an indexed model <see cref="At"/> names the element: the loop variables, over
/// the index sets <see cref="AtSets"/>, whose row-major flat index keys the draw (for
/// <c>xi[i,j]</c>: i*size(j) + j), so the value is the same however the loop nest is split.
/// </para>
/// </summary>
public sealed record IrNormal(int Stream, IReadOnlyList<IrIndex>? At = null, IReadOnlyList<string>? AtSets = null) : IrExpr;
