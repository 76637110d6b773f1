using System.Text;

namespace DynLang.Core.Tests.Fuzz;

/// <summary>
/// Makes hostile inputs from valid model files: character and token edits, line shuffles,
/// truncations, and token soups — deterministic for a given seed, so a failure reproduces.
/// </summary>
internal sealed class InputMutator
{
    private static readonly string[] Tokens =
    {
        "neuron", "synapse", "rule", "system", "field", "param", "state", "input", "on", "pre", "post", "emit", "spike",
        "refractory", "solver", "exact", "rk4", "euler", "invariant", "energy", "assert", "function", "precision",
        "float", "math", "fast", "namespace", "in", "symmetric", "event_driven", "unless", "summed", "and", "or", "not", "sum", "d",
        "exp", "ln", "sqrt", "clip", "ifelse", "int", "laplacian", "xi", "t", "dt", "x", "y", "v", "W", "i", "j",
        "dv/dt", "dW[i,j]/dt", "ms", "mV", "Mohm", "nA", "um^2", "0", "1", "-1", "1e-3", "0.5", "1e308", "1e-320",
        "(", ")", "[", "]", "{", "}", ",", ";", ":", ".", "=", "+=", "*=", "+", "-", "*", "/", "^", "**", "%", "<", ">",
        "<=", "==", "!=", "&&", "||", "!", "//", "/*", "*/", "\n", " ", "\"", "'", "$", "@", "\u00b5", "\u03bc", "\t",
    };

    private readonly Random _random;

    public InputMutator(int seed) => _random = new Random(seed);

    public string Mutate(string text)
    {
        int edits = 1 + _random.Next(4);
        for (int k = 0; k < edits; k++) text = MutateOnce(text);
        return text;
    }

    public string TokenSoup()
    {
        var builder = new StringBuilder();
        int count = 1 + _random.Next(60);
        for (int k = 0; k < count; k++) builder.Append(Tokens[_random.Next(Tokens.Length)]).Append(_random.Next(3) == 0 ? "\n" : " ");
        return builder.ToString();
    }

    private string MutateOnce(string text)
    {
        if (text.Length == 0) return TokenSoup();
        int position = _random.Next(text.Length);
        switch (_random.Next(8))
        {
            case 0: // delete a range
                return text.Remove(position, Math.Min(1 + _random.Next(12), text.Length - position));
            case 1: // insert a token
                return text.Insert(position, " " + Tokens[_random.Next(Tokens.Length)] + " ");
            case 2: // replace one character with an arbitrary one (control characters and surrogates included)
                return text.Remove(position, 1).Insert(position, ((char)_random.Next(0, 0xFFFF)).ToString());
            case 3: // duplicate a line
            {
                var lines = text.Split('\n').ToList();
                int line = _random.Next(lines.Count);
                lines.Insert(line, lines[line]);
                return string.Join("\n", lines);
            }
            case 4: // swap two lines
            {
                var lines = text.Split('\n');
                int a = _random.Next(lines.Length), b = _random.Next(lines.Length);
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join("\n", lines);
            }
            case 5: // truncate
                return text.Substring(0, position);
            case 6: // replace a token-ish word by another token
            {
                int end = position;
                while (end < text.Length && char.IsLetterOrDigit(text[end])) end++;
                return text.Substring(0, position) + Tokens[_random.Next(Tokens.Length)] + text.Substring(end);
            }
            default: // splice in a piece of itself
            {
                int start = _random.Next(text.Length);
                int length = Math.Min(_random.Next(80), text.Length - start);
                return text.Insert(position, text.Substring(start, length));
            }
        }
    }
}
