namespace DynLang.Generators.Pipeline;

/// <summary>Names of the incremental steps (tests assert their caching by these names).</summary>
internal static class TrackingNames
{
    public const string Ilgpu = nameof(Ilgpu);
    public const string Torch = nameof(Torch);
    public const string UnitsNet = nameof(UnitsNet);
    public const string Options = nameof(Options);
    public const string Sources = nameof(Sources);
    public const string Compiled = nameof(Compiled);
    public const string Project = nameof(Project);
}
