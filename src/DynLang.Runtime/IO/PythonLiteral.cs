using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace DynLang.Runtime;

/// <summary>
/// Parses the small subset of Python literals that a .npy header is written in: a dict with
/// string keys whose values are strings, integers, True/False/None, tuples and lists (lists
/// appear in structured dtypes). numpy reads the header with <c>ast.literal_eval</c>; this is the
/// same grammar minus what no numpy version writes (floats, bytes, sets, expressions).
/// Results: dict → Dictionary&lt;string, object?&gt;, tuple → object?[], list → List&lt;object?&gt;,
/// int → long, str → string, bool → bool, None → null.
/// </summary>
internal sealed class PythonLiteral
{
    private readonly string _text;
    private readonly string _source;
    private int _pos;

    private PythonLiteral(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>Parses <paramref name="text"/>; errors name <paramref name="source"/> (the file).</summary>
    public static object? Parse(string text, string source)
    {
        var parser = new PythonLiteral(text, source);
        object? value = parser.Value();
        parser.SkipSpace();
        if (parser._pos != text.Length) throw parser.Error("unexpected text after the literal");
        return value;
    }

    private object? Value()
    {
        SkipSpace();
        if (_pos >= _text.Length) throw Error("the header ends early");
        char c = _text[_pos];
        switch (c)
        {
            case '{': return Dict();
            case '(': return Sequence(')', asTuple: true);
            case '[': return Sequence(']', asTuple: false);
            case '\'' or '"': return String();
        }
        if (c == '-' || c == '+' || char.IsDigit(c)) return Integer();
        if (char.IsLetter(c) || c == '_')
        {
            int start = _pos;
            while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            string word = _text.Substring(start, _pos - start);
            return word switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                _ => throw Error($"unknown name '{word}'", start),
            };
        }
        throw Error($"unexpected character '{c}'");
    }

    private Dictionary<string, object?> Dict()
    {
        _pos++; // '{'
        var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            SkipSpace();
            if (Peek() == '}') { _pos++; return dict; }
            int keyAt = _pos;
            if (Value() is not string key) throw Error("dict keys must be strings", keyAt);
            SkipSpace();
            Expect(':');
            dict[key] = Value();
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            Expect('}');
            return dict;
        }
    }

    private object Sequence(char close, bool asTuple)
    {
        _pos++; // '(' or '['
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (Peek() == close) { _pos++; break; }
            items.Add(Value());
            SkipSpace();
            if (Peek() == ',') { _pos++; continue; }
            Expect(close);
            break;
        }
        return asTuple ? items.ToArray() : items;
    }

    private string String()
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error("unterminated string");
            char c = _text[_pos++];
            if (c == quote) return sb.ToString();
            if (c == '\\')
            {
                if (_pos >= _text.Length) throw Error("unterminated string");
                char e = _text[_pos++];
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', _ => e });
            }
            else
            {
                sb.Append(c);
            }
        }
    }

    private long Integer()
    {
        int start = _pos;
        if (_text[_pos] is '-' or '+') _pos++;
        while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;
        // Python 2 era files may write shapes as 4000L.
        int end = _pos;
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l') _pos++;
        string digits = _text.Substring(start, end - start);
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Error($"'{digits}' is not an integer that fits in 64 bits", start);
        return value;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (Peek() != c) throw Error(_pos < _text.Length ? $"expected '{c}', found '{_text[_pos]}'" : $"expected '{c}', the header ends");
        _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private InvalidDataException Error(string what, int? at = null) =>
        new($"{_source}: the .npy header is not a Python literal as numpy writes it ({what} at character {at ?? _pos}): {_text.TrimEnd()}");
}
