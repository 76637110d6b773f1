using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Cpu;

/// <summary>
/// How a synapse loop (a pathway or a summed variable) may be split over threads: by slices of
/// the neuron side it writes, or not at all.
/// </summary>
/// <param name="Split">True: the loop runs by slices, on the worker pool when the work is large enough.</param>
/// <param name="ByPost">The side whose elements are sliced: true post-synaptic, false pre-synaptic.</param>
/// <param name="Reason">Why, in a sentence for the generated code's comments.</param>
internal sealed record SplitPlan(bool Split, bool ByPost, string Reason);

/// <summary>
/// The rule for splitting synapse loops (docs/networks.md, "Threads"). A loop split by slices of
/// one side gives each thread whole slices of that side's elements; it is race-free and gives the
/// single-thread bits exactly when every neuron variable the loop writes is on that side (then each
/// element is written by one thread, which visits its synapses in the single-thread order) and the
/// loop reads nothing another slice writes:
/// <list type="bullet">
/// <item>A pathway that writes variables of one side is split by that side. One that writes no
/// neuron variable (only synapse states, which belong to one synapse each) is split by the side
/// opposite to the spikes (post for <c>on pre</c>, pre for <c>on post</c>), so that each spike's
/// synapses spread over the slices. One that writes both sides runs on one thread.</item>
/// <item>A summed variable is split by the side it sums into.</item>
/// <item>Either runs on one thread when it reads a variable of the same name on the other side
/// while pre and post are the same neuron model (pre.x might be another slice's post.x), or when a
/// summed variable reads the variable it sums into.</item>
/// </list>
/// </summary>
internal static class SynapseSplitRule
{
    /// <summary>The plan of a pathway whose spikes come from <paramref name="source"/> ("pre" or "post").</summary>
    public static SplitPlan ForPathway(SynapseProgram program, string source, IReadOnlyCollection<string> variables, IReadOnlyCollection<string> stores)
    {
        var writtenPre = Names(stores, "pre");
        var writtenPost = Names(stores, "post");
        if (writtenPre.Count > 0 && writtenPost.Count > 0)
            return new SplitPlan(false, true,
                $"it writes both sides ({Join("pre", writtenPre)}; {Join("post", writtenPost)}), so no slicing of one side keeps each written element on one thread.");

        bool byPost = writtenPost.Count > 0 || (writtenPre.Count == 0 && source == "pre");
        string side = byPost ? "post" : "pre";
        var written = byPost ? writtenPost : writtenPre;
        if (Aliased(program, byPost, written, variables) is { } alias)
            return new SplitPlan(false, byPost, alias);
        if (written.Count == 0)
            return new SplitPlan(true, byPost,
                $"split by slices of {side}-synaptic elements: it writes only synapse states, each synapse its own in the single-thread order; " +
                $"slicing the side opposite the spikes spreads each spike's synapses over the slices.");
        return new SplitPlan(true, byPost,
            $"split by slices of {side}-synaptic elements: it writes {Join(side, written)} and otherwise only synapse states, " +
            $"so each {side}-synaptic element is written by one thread, in the single-thread order.");
    }

    /// <summary>The plan of a summed variable that reads <paramref name="variables"/>.</summary>
    public static SplitPlan ForSummed(SynapseProgram program, SummedVariable summed, IReadOnlyCollection<string> variables)
    {
        bool byPost = summed.Scope == "post";
        string target = summed.Scope + "." + summed.Target;
        if (variables.Contains(target))
            return new SplitPlan(false, byPost, $"the sum reads {target}, the variable it sums into.");
        if (Aliased(program, byPost, new List<string> { summed.Target }, variables) is { } alias)
            return new SplitPlan(false, byPost, alias);
        return new SplitPlan(true, byPost,
            $"split by slices of {summed.Scope}-synaptic elements: each element's sum is made by one thread, over its synapses in ascending id as on one thread.");
    }

    /// <summary>Why the loop cannot be split when the other side may be the same population and its variable of a written name is used; null when it can.</summary>
    private static string? Aliased(SynapseProgram program, bool byPost, IReadOnlyCollection<string> written, IReadOnlyCollection<string> variables)
    {
        if (program.Pre.ModelName is null || program.Pre.ModelName != program.Post.ModelName) return null;
        string other = byPost ? "pre" : "post";
        var clash = Names(variables, other).Where(written.Contains).ToList();
        if (clash.Count == 0) return null;
        string side = byPost ? "post" : "pre";
        return $"it uses {Join(other, clash)} while writing {Join(side, clash)}, and pre and post are both {program.Pre.ModelName}: " +
               "in one population they are the same values, which another slice's thread may be writing.";
    }

    private static List<string> Names(IEnumerable<string> variables, string side) =>
        variables.Where(v => v.StartsWith(side + ".", System.StringComparison.Ordinal)).Select(v => v.Substring(side.Length + 1)).Distinct().ToList();

    private static string Join(string side, IEnumerable<string> names) => string.Join(", ", names.Select(n => side + "." + n));
}
