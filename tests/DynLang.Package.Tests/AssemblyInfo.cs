// The tests drive MSBuild on the same repository projects (restore writes their obj/ folders):
// run them one at a time, never two builds of one project at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
