using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Lowering;

/// <summary>Project-wide settings of the compiler (from MSBuild properties in the generator).</summary>
/// <param name="DefaultPrecision">Precision of models that do not declare one.</param>
/// <param name="DefaultNamespace">Namespace of generated types when the file declares none.</param>
public sealed record CompileOptions(Precision DefaultPrecision = Precision.Double, string DefaultNamespace = "DynLang.Models")
{
    /// <summary>The defaults: double precision, namespace DynLang.Models.</summary>
    public static CompileOptions Default { get; } = new();
}
