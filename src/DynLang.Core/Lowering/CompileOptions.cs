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
/// <param name="EmitUnitsNet">
/// Also emit typed UnitsNet accessors of the parameters (<c>{Model}.UnitsNet.g.cs</c>, a partial
/// <c>{Model}Parameters</c> with one <c>{name}Quantity</c> property per parameter whose dimension
/// UnitsNet has): the generator sets it when the consuming project references the UnitsNet assembly.
/// </param>
/// <param name="DefaultMathMode">
/// Math mode of models without a <c>math</c> member (MSBuild <c>DynLangMath</c>): platform, the
/// default (bit-compatible with Brian2/NumPy), or fast (<see cref="MathMode.Fast"/>).
/// </param>
public sealed record CompileOptions(Precision DefaultPrecision = Precision.Double, string DefaultNamespace = "DynLang.Models",
    bool EmitIlgpu = false, bool EmitTorch = false, bool EmitUnitsNet = false, MathMode DefaultMathMode = MathMode.Platform)
{
    /// <summary>The defaults: double precision, platform math, namespace DynLang.Models, no ILGPU, TorchSharp or UnitsNet code.</summary>
    public static CompileOptions Default { get; } = new();
}
