using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DynLang.Core.Configuration;

/// <summary>
/// An EditorConfig section name as a matcher of full paths ('/'-separated): <c>*</c> (any characters
/// but '/'), <c>**</c> (any characters), <c>?</c> (one character but '/'), <c>[abc]</c>, <c>[a-z]</c>,
/// <c>[!abc]</c>, <c>**/</c> (zero or more folders), <c>{a,b}</c> (nestable), <c>{1..9}</c> (an integer in the range), <c>\</c> escapes.
/// A name without '/' matches the file name in any folder below the .editorconfig; one with '/' is
/// relative to the .editorconfig's folder (a leading '/' is that folder). Matching is case-sensitive,
/// as in Roslyn.
/// </summary>
public sealed class EditorConfigGlob
{
    private readonly Regex _regex;
    private readonly List<(int Min, int Max)> _ranges = new();

    private EditorConfigGlob(string pattern)
    {
        var text = new StringBuilder("^");
        int i = 0;
        Translate(pattern, ref i, text, depth: 0);
        text.Append('$');
        _regex = new Regex(text.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>The matcher of section <paramref name="section"/> of the .editorconfig in <paramref name="directory"/>.</summary>
    public static EditorConfigGlob Create(string directory, string section)
    {
        string dir = Normalize(directory).TrimEnd('/');
        string name = section.Contains("/") ? (section.StartsWith("/", StringComparison.Ordinal) ? section : "/" + section) : "/**/" + section;
        return new EditorConfigGlob(Escape(dir) + name);
    }

    /// <summary>True when <paramref name="fullPath"/> matches.</summary>
    public bool IsMatch(string fullPath)
    {
        var match = _regex.Match(Normalize(fullPath));
        if (!match.Success) return false;
        for (int r = 0; r < _ranges.Count; r++)
        {
            var group = match.Groups["r" + r];
            if (!group.Success) continue;
            if (!int.TryParse(group.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) || n < _ranges[r].Min || n > _ranges[r].Max)
                return false;
        }
        return true;
    }

    internal static string Normalize(string path) => path.Replace('\\', '/');

    // The folder part is literal: escape the glob characters it may contain.
    private static string Escape(string literal)
    {
        var text = new StringBuilder();
        foreach (char c in literal)
        {
            if ("*?[]{},\\".IndexOf(c) >= 0) text.Append('\\');
            text.Append(c);
        }
        return text.ToString();
    }

    /// <summary>Brace groups nested deeper than this are read as literal text: the nesting recursion must stay bounded on any input.</summary>
    private const int MaxBraceDepth = 32;

    private void Translate(string p, ref int i, StringBuilder text, int depth)
    {
        bool inBraces = depth > 0;
        while (i < p.Length)
        {
            char c = p[i];
            if (inBraces && (c == ',' || c == '}')) return;
            switch (c)
            {
                case '\\' when i + 1 < p.Length:
                    text.Append(Regex.Escape(p[i + 1].ToString()));
                    i += 2;
                    break;
                case '*':
                    // "**/" is zero or more folders ("a/**/b" matches "a/b"), other "**" any characters.
                    if (i + 2 < p.Length && p[i + 1] == '*' && p[i + 2] == '/') { text.Append("(?:.*/)?"); i += 3; }
                    else if (i + 1 < p.Length && p[i + 1] == '*') { text.Append(".*"); i += 2; }
                    else { text.Append("[^/]*"); i++; }
                    break;
                case '?':
                    text.Append("[^/]");
                    i++;
                    break;
                case '[':
                    {
                        int close = p.IndexOf(']', i + 1);
                        if (close < 0 || p.IndexOf('/', i + 1, close - i - 1) >= 0) { text.Append("\\["); i++; break; }
                        string body = p.Substring(i + 1, close - i - 1);
                        bool negate = body.StartsWith("!", StringComparison.Ordinal) || body.StartsWith("^", StringComparison.Ordinal);
                        if (negate) body = body.Substring(1);
                        var cls = new StringBuilder(negate ? "[^" : "[");
                        foreach (char b in body) cls.Append(b is '\\' or '[' or ']' or '^' ? "\\" + b : b.ToString());
                        text.Append(cls).Append(']');
                        i = close + 1;
                        break;
                    }
                case '{':
                    {
                        int close = p.IndexOf('}', i + 1);
                        var range = close < 0 ? null : Regex.Match(p.Substring(i + 1, close - i - 1), @"^([+-]?\d+)\.\.([+-]?\d+)$");
                        if (range is { Success: true }
                            && int.TryParse(range.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int a)
                            && int.TryParse(range.Groups[2].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int b))
                        {
                            text.Append("(?<r").Append(_ranges.Count).Append(">[+-]?[0-9]+)");
                            _ranges.Add((Math.Min(a, b), Math.Max(a, b)));
                            i = close + 1;
                            break;
                        }
                        if (close < 0 || depth >= MaxBraceDepth) { text.Append("\\{"); i++; break; }
                        i++;
                        text.Append("(?:");
                        while (true)
                        {
                            Translate(p, ref i, text, depth + 1);
                            if (i >= p.Length) break;
                            if (p[i] == ',') { text.Append('|'); i++; continue; }
                            i++; // '}'
                            break;
                        }
                        text.Append(')');
                        break;
                    }
                default:
                    text.Append(Regex.Escape(c.ToString()));
                    i++;
                    break;
            }
        }
    }
}
