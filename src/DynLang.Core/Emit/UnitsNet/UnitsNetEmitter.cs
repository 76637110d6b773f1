using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;
using DynLang.Core.Units;

namespace DynLang.Core.Emit.UnitsNet;

/// <summary>
/// Writes the UnitsNet file of one lowered model (<c>{Model}.UnitsNet.g.cs</c>): the other half of a
/// partial <c>{Model}Parameters</c> with, for each scalar parameter whose dimension UnitsNet has a
/// quantity for, a typed property <c>{name}Quantity</c> that reads and init-sets the SI double
/// <c>{name}</c> (which stays the fast path; the kernels never see the typed view). Text only:
/// DynLang.Core has no UnitsNet dependency; the compiler emits this file only when the consuming
/// project references UnitsNet (<see cref="Lowering.CompileOptions.EmitUnitsNet"/>).
/// </summary>
public static class UnitsNetEmitter
{
    /// <summary>The suffix of the typed properties: <c>tau</c> → <c>tauQuantity</c>.</summary>
    public const string Suffix = "Quantity";

    /// <summary>A UnitsNet quantity: its type, its SI unit's name and whether the value is a decimal (Power).</summary>
    /// <param name="Type">The quantity type in namespace UnitsNet ("ElectricPotential").</param>
    /// <param name="SiUnit">The SI unit's plural name: the <c>From…</c> factory and the property ("Volts").</param>
    /// <param name="IsDecimal">True when the property is a decimal (UnitsNet 5's Power): the getter casts.</param>
    public sealed record Quantity(string Type, string SiUnit, bool IsDecimal = false);

    /// <summary>
    /// Dimension → UnitsNet quantity, in SI units. Where UnitsNet has several quantities of one
    /// dimension the common one in models wins (J not N·m torque, Hz not rotational speed).
    /// </summary>
    private static readonly (Dimension Dimension, Quantity Quantity)[] Table =
    {
        (Dimension.Time, new("Duration", "Seconds")),
        (Dimension.Frequency, new("Frequency", "Hertz")),
        (Dimension.Voltage, new("ElectricPotential", "Volts")),
        (Dimension.Current, new("ElectricCurrent", "Amperes")),
        (Dimension.Resistance, new("ElectricResistance", "Ohms")),
        (Dimension.Conductance, new("ElectricConductance", "Siemens")),
        (Dimension.Capacitance, new("ElectricCapacitance", "Farads")),
        (Dimension.Charge, new("ElectricCharge", "Coulombs")),
        (Dimension.Voltage * Dimension.Time / Dimension.Current, new("ElectricInductance", "Henries")),
        (Dimension.Voltage / Dimension.Time, new("ElectricPotentialChangeRate", "VoltsPerSeconds")),
        (Dimension.Current / Dimension.Time, new("ElectricCurrentGradient", "AmperesPerSecond")),
        (Dimension.Current / Dimension.Area, new("ElectricCurrentDensity", "AmperesPerSquareMeter")),
        (Dimension.Conductance / Dimension.Length, new("ElectricConductivity", "SiemensPerMeter")),
        (Dimension.Resistance * Dimension.Length, new("ElectricResistivity", "OhmMeters")),
        (Dimension.Voltage * Dimension.Time, new("MagneticFlux", "Webers")),
        (Dimension.Voltage * Dimension.Time / Dimension.Area, new("MagneticField", "Teslas")),
        (Dimension.Length, new("Length", "Meters")),
        (Dimension.Area, new("Area", "SquareMeters")),
        (Dimension.Volume, new("Volume", "CubicMeters")),
        (Dimension.Length / Dimension.Time, new("Speed", "MetersPerSecond")),
        (Dimension.Length / (Dimension.Time * Dimension.Time), new("Acceleration", "MetersPerSecondSquared")),
        (Dimension.Volume / Dimension.Time, new("VolumeFlow", "CubicMetersPerSecond")),
        (Dimension.Mass, new("Mass", "Kilograms")),
        (Dimension.Mass / Dimension.Volume, new("Density", "KilogramsPerCubicMeter")),
        (Dimension.Mass / Dimension.Time, new("MassFlow", "KilogramsPerSecond")),
        (Dimension.Force, new("Force", "Newtons")),
        (Dimension.Pressure, new("Pressure", "Pascals")),
        (Dimension.Energy, new("Energy", "Joules")),
        (Dimension.Power, new("Power", "Watts", IsDecimal: true)),
        (Dimension.Temperature, new("Temperature", "Kelvins")),
        (Dimension.Amount, new("AmountOfSubstance", "Moles")),
        (Dimension.Concentration, new("Molarity", "MolesPerCubicMeter")),
        (Dimension.Amount / Dimension.Time, new("MolarFlow", "MolesPerSecond")),
        (Dimension.LuminousIntensity, new("LuminousIntensity", "Candela")),
    };

    /// <summary>The UnitsNet quantity of a dimension, or null (dimensionless, or none that UnitsNet has).</summary>
    public static Quantity? QuantityOf(Dimension dimension)
    {
        if (dimension.IsDimensionless) return null;
        foreach (var (d, q) in Table)
            if (d == dimension) return q;
        return null;
    }

    /// <summary>The generated file's name.</summary>
    public static string HintName(KernelModel model) => CSharpNames.TypeName(model.Name).TrimStart('@') + ".UnitsNet.g.cs";

    /// <summary>The parameters that get a typed property, with its name and quantity.</summary>
    public static IReadOnlyList<(KernelParameter Parameter, string Property, Quantity Quantity)> TypedParameters(KernelModel model)
    {
        var names = new HashSet<string>(model.Parameters.Select(p => p.Name), System.StringComparer.Ordinal);
        var typed = new List<(KernelParameter, string, Quantity)>();
        foreach (var parameter in model.Parameters)
        {
            if (parameter.Dimension is not { } dimension || QuantityOf(dimension) is not { } quantity) continue;
            string property = parameter.Name + Suffix;
            // A model that declares both 'tau' and 'tauQuantity': the declared name wins, 'tau' gets no typed view.
            if (names.Contains(property)) continue;
            typed.Add((parameter, property, quantity));
        }
        return typed;
    }

    /// <summary>True when at least one parameter gets a typed property (else no file).</summary>
    public static bool Supports(KernelModel model) => TypedParameters(model).Count > 0;

    /// <summary>The generated source (deterministic).</summary>
    public static string Emit(KernelModel model)
    {
        var w = new CodeWriter();
        w.Line("// <auto-generated/>");
        w.Line($"// Generated by DynLang from {ParametersEmitter.FileName(model)} ({model.Kind} {model.Name}): typed UnitsNet views of the parameters.");
        w.Line("// Do not edit: change the model file instead.");
        w.Directive("#nullable enable");
        w.Line();
        bool hasNamespace = model.Namespace.Length > 0;
        if (hasNamespace)
        {
            w.Line($"namespace {model.Namespace}");
            w.Line("{");
            w.Indent();
        }
        using (w.Block($"public readonly partial record struct {ParametersEmitter.TypeName(model)}"))
        {
            bool first = true;
            foreach (var (parameter, property, quantity) in TypedParameters(model))
            {
                if (!first) w.Line();
                first = false;
                string name = CSharpNames.Identifier(parameter.Name);
                string type = "global::UnitsNet." + quantity.Type;
                string read = quantity.IsDecimal ? $"(double)value.{quantity.SiUnit}" : $"value.{quantity.SiUnit}";
                w.Doc("summary", $"{parameter.DeclaredText} (line {parameter.Line}) as a UnitsNet {quantity.Type}: " +
                                 $"reads and sets {parameter.Name}, the SI value in {parameter.Unit} ({quantity.SiUnit}).");
                w.Line($"public {type} {CSharpNames.Identifier(property)} {{ get => {type}.From{quantity.SiUnit}({name}); init => {name} = {read}; }}");
            }
        }
        if (hasNamespace)
        {
            w.Outdent();
            w.Line("}");
        }
        return w.ToString();
    }
}
