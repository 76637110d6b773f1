using System.Text;

namespace LspBenchmark;

/// <summary>
/// The file the benchmark edits: pairs of a conductance LIF neuron and an STDP synapse onto it (the shapes of
/// samples/StdpSong2000), with distinct names, until the file has the wanted number of lines. Every model
/// binds, is unit-checked, gets its checks and its solver chosen and its C# emitted, as in a real file.
/// </summary>
internal static class BenchmarkFile
{
    private const string Pair = """
        // Pair {0}: a conductance-based LIF neuron and additive STDP onto it.
        neuron Cell{0} {{
          param taum = 10 ms, taue = 5 ms
          param Ee = 0 mV, vt = -54 mV, vr = -60 mV, El = -74 mV
          state v = vr, ge : 1 = 0
          dv/dt = (ge * (Ee - v) + El - v) / taum
          dge/dt = -ge / taue
          on v > vt {{ v = vr; emit spike }}
          solver euler
        }}

        synapse Stdp{0}(post Cell{0}) {{
          param gmax = {1}
          param taupre = 20 ms, taupost = 20 ms
          param dApre = 0.01 * gmax
          param dApost = -dApre * taupre / taupost * 1.05
          state w : 1 = 0
          state apre : 1 = 0, apost : 1 = 0
          dapre/dt = -apre / taupre     (event_driven)
          dapost/dt = -apost / taupost  (event_driven)
          on pre  {{ post.ge += w; apre += dApre; w = clip(w + apost, 0, gmax) }}
          on post {{ apost += dApost; w = clip(w + apre, 0, gmax) }}
        }}


        """;

    /// <summary>The file with at least <paramref name="lines"/> lines; <paramref name="edit"/> changes one literal of the last pair.</summary>
    public static string Text(int lines, int edit)
    {
        var text = new StringBuilder("namespace Bench\n\n");
        int pairs = 0;
        while (CountLines(text) < lines)
        {
            // The edit: gmax of the last pair takes a new value each time; on odd edits it gets a unit
            // (an error, DL0201-class), so every other publish has an error and the next clears it.
            bool last = CountLines(text) + 24 >= lines;
            string gmax = !last ? "0.01" : edit % 2 == 1 ? $"0.01 * {1 + edit % 7} mV" : $"0.0{1 + edit % 7}";
            text.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, Pair, pairs++, gmax));
        }
        return text.ToString();
    }

    public static int CountLines(StringBuilder text)
    {
        int n = 0;
        for (int i = 0; i < text.Length; i++) if (text[i] == '\n') n++;
        return n;
    }
}
