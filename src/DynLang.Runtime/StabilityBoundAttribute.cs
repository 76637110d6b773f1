using System;

namespace DynLang.Runtime;

/// <summary>
/// Put by the generator on the <c>Step(double dt)</c> of a model integrated by an explicit solver:
/// the largest stable time step at the model's default parameters. DynLang's C# analyzer reads it
/// to warn (DL0501) at a call such as <c>Step(0.05)</c> whose constant argument exceeds it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StabilityBoundAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="maxTimeStep">Largest stable dt at the default parameters.</param>
    /// <param name="description">How the bound was found, for the warning's message.</param>
    public StabilityBoundAttribute(double maxTimeStep, string description)
    {
        MaxTimeStep = maxTimeStep;
        Description = description;
    }

    /// <summary>Largest stable dt at the default parameters.</summary>
    public double MaxTimeStep { get; }

    /// <summary>How the bound was found.</summary>
    public string Description { get; }
}
