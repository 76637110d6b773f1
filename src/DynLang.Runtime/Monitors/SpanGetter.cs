using System;

namespace DynLang.Runtime;

/// <summary>
/// Returns the current values of a state variable, e.g. <c>() =&gt; population.v</c>. A delegate
/// rather than <c>Func</c> because spans cannot be generic arguments; called once per sample,
/// it must not allocate (returning a population's span property does not).
/// </summary>
/// <typeparam name="T">Element type (float or double).</typeparam>
public delegate Span<T> SpanGetter<T>();
