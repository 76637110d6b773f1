namespace DynLang.Models.Tests;

// A test seam: the generated class is partial, so this file can take its step guard the way a
// running Step does, and keep it while another thread calls Step. No timing is involved.
public sealed partial class RefractoryPopulation
{
    internal void WhileStepping(Action action)
    {
        __stepGuard.Enter(nameof(RefractoryPopulation));
        try
        {
            action();
        }
        finally
        {
            __stepGuard.Exit();
        }
    }
}

/// <summary>Two Steps of one instance at once are detected and refused, not run into corrupt state.</summary>
public sealed class ConcurrentStepTests
{
    [Fact]
    public void Step_from_another_thread_while_a_step_runs_throws_naming_the_class()
    {
        var population = new RefractoryPopulation(4);
        Exception? seen = null;
        population.WhileStepping(() =>
        {
            var other = new Thread(() => seen = Record(() => population.Step(0.1)));
            other.Start();
            other.Join();
        });

        var error = Assert.IsType<InvalidOperationException>(seen);
        Assert.StartsWith("Step called concurrently on one RefractoryPopulation", error.Message);
        Assert.Equal(0, population.StepIndex); // the refused call did nothing
        // Once the running step is over, stepping works again.
        population.Step(0.1);
        Assert.Equal(1, population.StepIndex);
    }

    [Fact]
    public void A_network_step_of_the_population_is_guarded_too()
    {
        var population = new RefractoryPopulation(4);
        var network = new DynLang.Runtime.Network(0.1).Add(population);
        Exception? seen = null;
        population.WhileStepping(() =>
        {
            var other = new Thread(() => seen = Record(() => network.Run(0.1)));
            other.Start();
            other.Join();
        });
        Assert.StartsWith("Step called concurrently on one RefractoryPopulation", Assert.IsType<InvalidOperationException>(seen).Message);
        Assert.Equal(0, population.StepIndex);
    }

    [Fact]
    public void Threads_racing_to_step_never_both_step_every_accepted_step_counts()
    {
        // Whether the calls overlap depends on scheduling; what must hold either way: each call
        // either steps (once) or throws the concurrency error, and the state counts exactly the
        // accepted steps.
        var population = new RefractoryPopulation(64);
        for (int i = 0; i < 64; i++) population.drive[i] = 1.0 + i * 0.1;
        int accepted = 0, refused = 0;
        var unexpected = new List<Exception>();
        using var start = new Barrier(2);
        void Stepper()
        {
            start.SignalAndWait();
            for (int k = 0; k < 2000; k++)
            {
                try
                {
                    population.Step(0.01);
                    Interlocked.Increment(ref accepted);
                }
                catch (InvalidOperationException e) when (e.Message.StartsWith("Step called concurrently", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref refused);
                }
                catch (Exception e)
                {
                    lock (unexpected) unexpected.Add(e); // kept for the assertion: a thread must not die with it
                }
            }
        }
        var a = new Thread(Stepper);
        var b = new Thread(Stepper);
        a.Start();
        b.Start();
        a.Join();
        b.Join();
        Assert.Empty(unexpected);
        Assert.Equal(4000, accepted + refused);
        Assert.Equal(accepted, population.StepIndex);
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
