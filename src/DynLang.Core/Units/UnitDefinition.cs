namespace DynLang.Core.Units;

/// <summary>
/// A resolved unit name: <c>ms</c> is <c>new UnitDefinition("ms", 1e-3, Dimension.Time)</c>.
/// </summary>
/// <param name="Name">The name as it was resolved (the spelling the user wrote).</param>
/// <param name="Scale">
/// Factor that converts a value in this unit to SI: value_SI = value * Scale. Always an exact
/// double literal <c>1eK</c> (see <see cref="UnitCatalog"/>).
/// </param>
/// <param name="Dimension">The physical dimension.</param>
public readonly record struct UnitDefinition(string Name, double Scale, Dimension Dimension);
