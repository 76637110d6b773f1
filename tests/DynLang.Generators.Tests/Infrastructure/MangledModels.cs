using System.Text;

namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>
/// Seeded random and mangled model texts for robustness tests: pure noise, token soup from the
/// language's vocabulary, valid models cut short, and valid models with random edits. A fixed seed
/// makes every failure reproducible by its index.
/// </summary>
internal static class MangledModels
{
    private static readonly string[] Vocabulary =
    [
        "neuron", "system", "rule", "field", "synapse", "function", "namespace", "param", "state", "input",
        "on", "emit", "spike", "refractory", "solver", "exact", "euler", "rk2", "rk4", "precision", "float",
        "double", "math", "fast", "platform", "invariant", "assert", "symmetric", "unless", "sum", "exp", "ln", "sqrt", "tanh", "xi",
        "v", "w", "x", "y", "W", "i", "j", "k", "tau", "dv/dt", "dx/dt", "dW[i,j]/dt", "ms", "mV", "nA",
        "Mohm", "s", "Hz", "0", "1", "-65", "2e-4", "1e308", "1e-320", "0.5", "{", "}", "(", ")", "[", "]",
        "=", "+=", "+", "-", "*", "/", "**", "^", ">", ">=", "<", "==", "and", "or", "not", ",", ";", ":",
        "\n", " ", "//", "/*", "*/", "\"", "é", "\t", "\0",
    ];

    private const string Noise = "abcxyzvWij_0123456789 .,;:=+-*/^(){}[]<>!&|\n\t\r#@$%'\"\\~`é∂τ\0";

    /// <summary><paramref name="count"/> texts from <paramref name="seed"/>, built on <paramref name="valid"/> models.</summary>
    public static IReadOnlyList<string> Create(int seed, int count, IReadOnlyList<string> valid)
    {
        var random = new Random(seed);
        var texts = new List<string>(count);
        for (int n = 0; n < count; n++)
        {
            texts.Add((n % 5) switch
            {
                0 => RandomNoise(random),
                1 => TokenSoup(random),
                2 => Truncate(random, valid[random.Next(valid.Count)]),
                3 => Edit(random, valid[random.Next(valid.Count)]),
                _ => EditLines(random, valid[random.Next(valid.Count)]),
            });
        }
        return texts;
    }

    private static string RandomNoise(Random random)
    {
        var sb = new StringBuilder();
        int length = random.Next(0, 400);
        for (int i = 0; i < length; i++) sb.Append(Noise[random.Next(Noise.Length)]);
        return sb.ToString();
    }

    private static string TokenSoup(Random random)
    {
        var sb = new StringBuilder();
        int length = random.Next(1, 120);
        for (int i = 0; i < length; i++) sb.Append(Vocabulary[random.Next(Vocabulary.Length)]).Append(random.Next(3) == 0 ? "" : " ");
        return sb.ToString();
    }

    private static string Truncate(Random random, string text) => text.Substring(0, random.Next(text.Length + 1));

    /// <summary>
    /// Well-formed-looking edits that mostly still parse, so that the binder, unit checker, solvers
    /// and emitter see them: drop, repeat or swap lines, replace a word by a word of the language.
    /// </summary>
    private static string EditLines(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && lines.Count > 1; e++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(4))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[random.Next(lines.Count)]); break;
                case 2: (lines[at], lines[0]) = (lines[0], lines[at]); break;
                default:
                    var words = lines[at].Split(' ');
                    words[random.Next(words.Length)] = Words[random.Next(Words.Length)];
                    lines[at] = string.Join(" ", words);
                    break;
            }
        }
        return string.Join("\n", lines);
    }

    private static readonly string[] Words = Vocabulary.Where(w => w.Trim().Length > 0 && w.All(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '/')).ToArray();

    private static string Edit(Random random, string text)
    {
        var sb = new StringBuilder(text);
        int edits = random.Next(1, 6);
        for (int e = 0; e < edits && sb.Length > 0; e++)
        {
            int at = random.Next(sb.Length);
            int length = Math.Min(random.Next(1, 12), sb.Length - at);
            switch (random.Next(4))
            {
                case 0: sb.Remove(at, length); break;                                          // delete a span
                case 1: sb.Insert(at, sb.ToString(at, length)); break;                         // duplicate a span
                case 2: sb.Insert(at, Vocabulary[random.Next(Vocabulary.Length)]); break;     // insert a token
                default: sb[at] = Noise[random.Next(Noise.Length)]; break;                     // replace a character
            }
        }
        return sb.ToString();
    }
}
