using System.Collections.Generic;

namespace DynLang.Core.Emit.Cpu;

// The machinery shared by the split loops: the slice count, the job a WorkerPool.Run executes,
// RunJob (pool or inline) and IRangeKernel.Execute.
internal sealed partial class SynapseEmitter
{
    /// <summary>The loops Execute can run, each with its constant and the method that runs a range of it.</summary>
    private IEnumerable<(string Job, string Method)> Jobs()
    {
        if (_program.OnPre is not null) yield return ("__jobDeliverPre", "DeliverPreSlices");
        if (_program.OnPost is not null) yield return ("__jobDeliverPost", "DeliverPostSlices");
        if (_program.Clock is not null) yield return ("__jobClockDriven", "StepClockDrivenRange");
        for (int k = 0; k < _program.Summed.Count; k++)
            if (_summedPlans[k].Split) yield return (SumJob(_program.Summed[k]), SumMethod(_program.Summed[k]));
    }

    private void EmitSplitFields(CodeWriter w)
    {
        w.Line("// Slices per split loop, chosen in Prepare for the pool of the running thread (1: no split).");
        w.Line("private int __sliceCount = 1;");
        foreach (var scope in SplitSummedScopes()) w.Line($"private SynapseSlices {SumSlicesField(scope)};");
        w.Line("// The loop IRangeKernel.Execute runs and the step it runs for: set by RunJob on the calling thread");
        w.Line("// before the pool starts (the pool's hand-off publishes them to the workers).");
        w.Line("private int __job;");
        w.Line("private NetworkClock __clock;");
        int k = 0;
        foreach (var (job, method) in Jobs()) w.Line($"private const int {job} = {k++}; // {method}");
        w.Line();
    }

    private static void EmitSplitProperties(CodeWriter w)
    {
        w.Doc("summary", "Estimated time of one loop (a pathway's events of a step, a summed variable, the clock-driven update) below which it runs on the calling thread " +
                         "(default WorkerPool.ParallelThresholdNanoseconds; 0 splits every loop that may be split). Only speed depends on it: split or not, the results are the same bits.");
        w.Line("public double ParallelThresholdNanoseconds { get; set; } = WorkerPool.ParallelThresholdNanoseconds;");
        w.Line();
        w.Doc("summary", "Number of loops of this object that ran split on the worker pool since it was created (a diagnostic: tests check that the parallel path ran).");
        w.Line("public long ParallelPasses { get; private set; }");
        w.Line();
    }

    private void EmitJobs(CodeWriter w)
    {
        w.Doc("summary", "Runs a loop over [0, count) in pieces of grain: on WorkerPool.Current when the estimated work is worth waking its workers, else here, in one piece.");
        using (w.Block("private void RunJob(int job, NetworkClock clock, int count, int grain, double nanoseconds)"))
        {
            w.Line("__job = job;");
            w.Line("__clock = clock;");
            w.Line("var pool = WorkerPool.Current;");
            using (w.Block("if (SynapseParallelism.ShouldSplit(pool, (count + grain - 1) / grain, nanoseconds, ParallelThresholdNanoseconds))"))
            {
                w.Line("ParallelPasses++;");
                w.Line("pool.Run(this, count, grain);");
            }
            using (w.Block("else"))
                w.Line("RunRange(job, 0, count);");
        }
        w.Line();
        w.Doc("summary", "Called by the worker pool, on several threads at once, with disjoint ranges of the current job.");
        w.Line("void IRangeKernel.Execute(int start, int end) => RunRange(__job, start, end);");
        w.Line();
        using (w.Block("private void RunRange(int job, int start, int end)"))
        {
            using (w.Block("switch (job)"))
            {
                foreach (var (job, method) in Jobs())
                {
                    w.Line($"case {job}:");
                    w.Line($"    {method}(start, end);");
                    w.Line("    break;");
                }
                w.Line("default:");
                w.Line("    throw new InvalidOperationException($\"Synapses '{Name}': no loop {job}.\");");
            }
        }
        w.Line();
    }
}
