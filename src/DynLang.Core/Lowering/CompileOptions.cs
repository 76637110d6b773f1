using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Lowering;

/// <summary>Project-wide settings of the compiler (from MSBuild properties in the generator).</summary>
/// <param name="DefaultPrecision">Precision of models that do not declare one.</param>
/// <param name="DefaultNamespace">Namespace of generated types when the file declares none.</param>
/// <param name="EmitIlgpu">
/// Also emit the ILGPU classes (<c>{Class}Ilgpu</c>, one more file per model): the generator sets it
/// when the consuming project references the ILGPU assembly, because that code does not compile
/// without it.
/// </param>
/// <param name="EmitTorch">
/// Also emit the TorchSharp classes (<c>{Model}Torch</c>, one more file per supported model): the
/// generator sets it when the consuming project references the TorchSharp assembly, because that
/// code does not compile without it.
/// </param>
public sealed record CompileOptions(Precision DefaultPrecision = Precision.Double, string DefaultNamespace = "DynLang.Models",
    bool EmitIlgpu = false, bool EmitTorch = false)
{
    /// <summary>The defaults: double precision, namespace DynLang.Models, no ILGPU or TorchSharp classes.</summary>
    public static CompileOptions Default { get; } = new();
}
