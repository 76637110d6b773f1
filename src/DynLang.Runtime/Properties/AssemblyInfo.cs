// DynLang.Runtime holds only what code emitted by the DynLang source generator calls while a
// simulation runs:
//   * WorkerPool / IRangeKernel - the allocation-free parallel-for behind generated Step(dt);
//   * MatrixExponential         - propagators of linear ODE systems for exact integrators.
// Everything else (parsing, units, symbolic maths, code emission) happens at compile time in
// DynLang.Core and must not leak in here: this assembly ships with every user model, so it
// stays small, dependency-free and stable.
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("DynLang.Runtime.Tests")]
// The device twins of the sources (DynLang.Ilgpu) reuse the CPU classes' checks, binning and step slices.
[assembly: InternalsVisibleTo("DynLang.Ilgpu")]
