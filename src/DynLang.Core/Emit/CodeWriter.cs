using System;
using System.Text;

namespace DynLang.Core.Emit;

/// <summary>Writes indented C# with '\n' line ends, so output is identical on every OS.</summary>
public sealed class CodeWriter
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty string gives an empty line).</summary>
    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes a line without indentation (preprocessor directives).</summary>
    public CodeWriter Directive(string line)
    {
        _text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes "{" and indents until the returned scope is disposed, which writes "}" + suffix.</summary>
    public IDisposable Block(string? header = null, string suffix = "")
    {
        if (header is not null) Line(header);
        Line("{");
        _indent++;
        return new Closer(this, suffix);
    }

    /// <summary>Increases the indentation.</summary>
    public void Indent() => _indent++;

    /// <summary>Decreases the indentation.</summary>
    public void Outdent() => _indent = Math.Max(0, _indent - 1);

    /// <summary>Writes an XML doc comment, one "///" line per line of text (escaped).</summary>
    public CodeWriter Doc(string tag, string text, string attributes = "")
    {
        string open = attributes.Length == 0 ? $"<{tag}>" : $"<{tag} {attributes}>";
        var lines = text.Split('\n');
        if (lines.Length == 1)
        {
            Line($"/// {open}{Xml(lines[0])}</{tag}>");
            return this;
        }
        Line($"/// {open}");
        foreach (var line in lines) Line("/// " + Xml(line).TrimEnd());
        Line($"/// </{tag}>");
        return this;
    }

    /// <summary>
    /// Escapes text for XML doc comments, except the doc tags generated code itself writes
    /// (<c>&lt;paramref name="x"/&gt;</c>, <c>&lt;see cref="x"/&gt;</c>, <c>&lt;c&gt;…&lt;/c&gt;</c>).
    /// </summary>
    public static string Xml(string text)
    {
        string escaped = text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
        return System.Text.RegularExpressions.Regex.Replace(escaped,
            "&lt;(paramref name=\"[A-Za-z_0-9]+\"/|see cref=\"[A-Za-z_0-9.]+\"/|/?c)&gt;",
            m => "<" + m.Groups[1].Value.Replace("&quot;", "\"") + ">");
    }

    /// <summary>The current indentation level.</summary>
    public int IndentLevel => _indent;

    /// <summary>A writer starting at the given indentation (for code assembled separately).</summary>
    public static CodeWriter StartingAt(int indent) => new() { _indent = indent };

    /// <inheritdoc/>
    public override string ToString() => _text.ToString();

    private sealed class Closer : IDisposable
    {
        private readonly CodeWriter _writer;
        private readonly string _suffix;

        public Closer(CodeWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}" + _suffix);
        }
    }
}
