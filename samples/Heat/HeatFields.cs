namespace Heat;

/// <summary>What the sample needs of every generated heat field: its cells and a step (the four classes share no base type).</summary>
internal interface IHeatField
{
    /// <summary>The temperature, one value per cell, row-major, x fastest.</summary>
    Span<double> u { get; }

    /// <summary>The diffusion coefficient (the diffusion number, since dx = dt = 1).</summary>
    double DiffusionNumber { get; }

    /// <summary>One explicit step.</summary>
    void Step(double dt);
}

// The generated classes are partial: each gets the interface here, with nothing else to write.
partial class HeatLineField : IHeatField { public double DiffusionNumber => Parameters.D; }
partial class HeatLineWallsField : IHeatField { public double DiffusionNumber => Parameters.D; }
partial class HeatPlaneField : IHeatField { public double DiffusionNumber => Parameters.D; }
partial class HeatPlaneWallsField : IHeatField { public double DiffusionNumber => Parameters.D; }
