using System;

namespace DynLang.Runtime;

/// <summary>
/// A group of elements that emits spikes: a neuron population, a Poisson source, a spike-time
/// generator. After the threshold phase of a step, <see cref="SpikesThisStep"/> lists the
/// elements that spiked in that step, in ascending index order (Brian2's order, which the
/// order of synaptic effects depends on).
/// </summary>
public interface ISpikeSource
{
    /// <summary>Number of elements.</summary>
    int Count { get; }

    /// <summary>Indices that spiked in the current step, ascending; valid from the threshold phase to the next step.</summary>
    ReadOnlySpan<int> SpikesThisStep { get; }
}

/// <summary>
/// The phases of one network step, in Brian2's default schedule:
/// start (state monitors record) → synaptic sums (summed variables written into their targets) →
/// groups (state updates) → thresholds (spikes decided) → synapses (spikes delivered: on_pre /
/// on_post) → resets → end (spike and rate monitors).
/// </summary>
public enum NetworkPhase
{
    /// <summary>Before anything changes: state monitors sample here.</summary>
    Start,
    /// <summary>
    /// Summed variables (<c>post.I = w*g (summed)</c>) written into their target: Brian2 runs these
    /// updaters just before the groups they feed (order = target order − 1).
    /// </summary>
    SynapticSums,
    /// <summary>State updates of neuron groups and of clock-driven synapse variables.</summary>
    Groups,
    /// <summary>Threshold conditions decide this step's spikes; spike monitors record them.</summary>
    Thresholds,
    /// <summary>Synaptic pathways deliver spikes whose delay has elapsed.</summary>
    Synapses,
    /// <summary>Reset statements of the elements that spiked.</summary>
    Resets,
    /// <summary>After everything: rate monitors.</summary>
    End,
}

/// <summary>What a network object sees of the clock at one phase of one step.</summary>
/// <param name="Step">Index of the step (0-based).</param>
/// <param name="Time">Time at the start of the step, Step·dt (seconds, or model time units).</param>
/// <param name="Dt">The time step.</param>
/// <param name="CheckFinite">True when the network asks every population to stop the run at the first
/// NaN or infinite state (<see cref="Network.CheckFinite"/>): generated classes check after their update.</param>
public readonly record struct NetworkClock(long Step, double Time, double Dt, bool CheckFinite = false);

/// <summary>
/// Anything a <see cref="Network"/> steps. The network calls <see cref="Run"/> for every phase of
/// every step, objects in the order they were added; an object acts in the phases it cares about
/// and ignores the others. Objects must not allocate per step.
/// </summary>
public interface INetworkObject
{
    /// <summary>Name for progress messages and errors.</summary>
    string Name { get; }

    /// <summary>Called once before the first step of a run, with the run's time step (validate here).</summary>
    void Prepare(double dt);

    /// <summary>Does this object's work for <paramref name="phase"/> of the step <paramref name="clock"/>.</summary>
    void Run(NetworkPhase phase, NetworkClock clock);
}

/// <summary>
/// A network object that must know how each run ended: <see cref="Network.Run"/> calls
/// <see cref="RunEnded"/> on every such object (in the order they were added) after the run's steps
/// and after the recorders were flushed, with null when the run succeeded, else its exception.
/// A distributed network's exchange uses it to agree with the other ranks that every rank finished,
/// or to tell them that this one failed, so that none waits for it.
/// </summary>
public interface IRunListener
{
    /// <summary>The run ended: <paramref name="error"/> is null on success, else what ended it (recorder failures included). May throw: the run then fails with that exception.</summary>
    void RunEnded(Exception? error);
}
