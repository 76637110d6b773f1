using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Text;

namespace DynLang.Core.Diagnostics;

/// <summary>Collects diagnostics for one source file while the compiler stages run.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    /// <summary>Creates a bag that locates spans in <paramref name="source"/>.</summary>
    public DiagnosticBag(SourceText source) => Source = source;

    /// <summary>The file the spans refer to.</summary>
    public SourceText Source { get; }

    /// <summary>Everything reported so far, in report order.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when an error was reported.</summary>
    public bool HasErrors => _items.Any(d => d.IsError);

    /// <summary>Number of errors reported so far (used to tell whether one stage added any).</summary>
    public int ErrorCount => _items.Count(d => d.IsError);

    /// <summary>Reports a diagnostic at a span of this file.</summary>
    public Diagnostic Report(DiagnosticDescriptor descriptor, TextSpan span, params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, Source.GetLocation(span), args);
        _items.Add(diagnostic);
        return diagnostic;
    }

    /// <summary>Reports a diagnostic with an explicit severity.</summary>
    public Diagnostic Report(DiagnosticDescriptor descriptor, DiagnosticSeverity severity, TextSpan span,
        params object?[] args)
    {
        var diagnostic = Diagnostic.Create(descriptor, severity, Source.GetLocation(span), args);
        _items.Add(diagnostic);
        return diagnostic;
    }

    /// <summary>Adds an already built diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);
}
