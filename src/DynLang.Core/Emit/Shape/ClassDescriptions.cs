using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Shape;

/// <summary>
/// Builds the <see cref="GeneratedClass"/> of a model, one case per shape. Every backend's emitter
/// of that shape starts from the same description, so sizes, checks and their messages, arrays and
/// uniforms agree between the CPU, ILGPU and TorchSharp classes by construction.
/// </summary>
internal static class ClassDescriptions
{
    /// <summary>The grid sizes of a field, x first.</summary>
    public static readonly string[] GridSizes = { "nx", "ny", "nz" };

    /// <summary>The description of <paramref name="model"/>'s class (elementwise, indexed or field shape).</summary>
    public static GeneratedClass For(KernelModel model) => model.Shape switch
    {
        KernelShape.Elementwise => Elementwise(model),
        KernelShape.Field => Field(model),
        KernelShape.Indexed => Indexed(model),
        _ => throw new System.InvalidOperationException($"no class description for shape {model.Shape}"),
    };

    /// <summary>The private field holding the size of an index set.</summary>
    public static string IndexSizeField(string set) => "__size_" + set;

    private static GeneratedClass Elementwise(KernelModel model)
    {
        var program = model.Elementwise!;
        string what = model.Kind == "neuron" ? $"A population of {model.Name} neurons" : $"An ensemble of independent copies of the system {model.Name}";
        var extent = new[] { "Count" };
        var arrays = model.Arrays.Where(a => a.Role == ArrayRole.State)
            .Concat(model.Arrays.Where(a => a.Role == ArrayRole.Input))
            .Select(a => FromModel(a, extent)).ToList();
        var programUniforms = program.Uniforms.Select(u => u.Target).ToList();
        if (program.Propagator is { } propagator)
        {
            programUniforms.AddRange(propagator.Outputs.Select(o => o.Name));
            programUniforms.AddRange(propagator.Derived.Select(d => d.Target));
        }
        return Describe(model, what,
            sizes: new[] { new SizeArgument("count") },
            checks: new[] { new ArgumentCheck("count < 0", "count", "count", "The number of elements must be zero or more.") },
            checksDoc: null,
            assignments: new[] { "Count = count;" },
            fields: new string[0],
            properties: new[] { new SizeProperty("Count", null, "Number of elements.") },
            arrays, program.Uniforms, programUniforms);
    }

    private static GeneratedClass Indexed(KernelModel model)
    {
        var program = model.Indexed!;
        var sets = model.IndexSets;
        var arrays = model.Arrays.Select(a => FromModel(a, a.IndexSets.Select(IndexSizeField).ToList()))
            .Concat(program.Temporaries.Select(a => FromModel(a, a.IndexSets.Select(IndexSizeField).ToList()) with { Kind = ArrayKind.Scratch }))
            .ToList();
        return Describe(model, $"The {model.Kind} {model.Name}",
            sizes: sets.Select(s => new SizeArgument(CSharpNames.Identifier(s))).ToList(),
            checks: sets.Select(s => CSharpNames.Identifier(s)).Zip(sets, (name, set) =>
                new ArgumentCheck($"{name} < 0", name, name, $"The size of index set '{set}' must be zero or more.")).ToList(),
            checksDoc: null,
            assignments: sets.Select(s => $"{IndexSizeField(s)} = {CSharpNames.Identifier(s)};").ToList(),
            fields: sets.Select(IndexSizeField).ToList(),
            properties: sets.Select(s => new SizeProperty("Size" + CSharpNames.Capitalized(s), IndexSizeField(s), $"Size of index set '{s}'.")).ToList(),
            arrays, program.Uniforms, program.Uniforms.Select(u => u.Target));
    }

    private static GeneratedClass Field(KernelModel model)
    {
        var program = model.Field!;
        int dims = program.Dims, minimum = 2 * program.Radius + 1;
        var names = GridSizes.Take(dims).ToList();
        var checks = names.Select(n => new ArgumentCheck($"{n} < {minimum}", n, n,
            $"{model.Name}: the grid size {n} must be at least {minimum} (the stencil spans {minimum} cells along each axis).")).ToList();
        string product = string.Join(" * ", names.Select(n => $"(long){n}"));
        checks.Add(new ArgumentCheck($"{product} > int.MaxValue", names[0], product, $"{model.Name}: the grid has more cells than an array can hold (int.MaxValue)."));
        var extent = new[] { "__nx", "__ny", "__nz" };
        var states = program.States.Select(s => model.Arrays.FirstOrDefault(a => a.Name == s) is { } array
            ? FromModel(array, extent)
            : new ClassArray(s, ArrayKind.State, extent, new string[0], null, "", 0));
        var scratch = program.Temporaries.Select(s => new ClassArray(s, ArrayKind.Scratch, extent, new string[0], null, "", 0));
        var properties = Enumerable.Range(0, dims).Select(a => new SizeProperty(CSharpNames.Capitalized(GridSizes[a]), "__" + GridSizes[a], $"Cells along {"xyz"[a]}.")).ToList();
        properties.Add(new SizeProperty("CellCount", "__nx * __ny * __nz", "Number of cells."));
        return Describe(model, $"The field {model.Name}",
            sizes: names.Select(n => new SizeArgument(n)).ToList(),
            checks,
            checksDoc: $"A size is smaller than {minimum}, the width of the stencil, or the grid has more than int.MaxValue cells.",
            assignments: new[] { $"__nx = nx; __ny = {(dims >= 2 ? "ny" : "1")}; __nz = {(dims >= 3 ? "nz" : "1")};" },
            fields: new[] { "__nx", "__ny", "__nz" },
            properties,
            states.Concat(scratch).ToList(), program.Uniforms, program.Uniforms.Select(u => u.Target));
    }

    private static ClassArray FromModel(KernelArray array, IReadOnlyList<string> extent)
    {
        var kind = array.Role switch
        {
            ArrayRole.State => ArrayKind.State,
            ArrayRole.Input => ArrayKind.Input,
            ArrayRole.Parameter => ArrayKind.Parameter,
            _ => ArrayKind.Scratch,
        };
        return new ClassArray(array.Name, kind, extent, array.IndexSets, array.Initial, array.Unit, array.Line);
    }

    private static GeneratedClass Describe(
        KernelModel model, string what,
        IReadOnlyList<SizeArgument> sizes, IReadOnlyList<ArgumentCheck> checks, string? checksDoc,
        IReadOnlyList<string> assignments, IReadOnlyList<string> fields, IReadOnlyList<SizeProperty> properties,
        IReadOnlyList<ClassArray> arrays, IReadOnlyList<IrAssign> hostUniforms, IEnumerable<string> programUniforms)
    {
        var numeric = NumericType.For(model.Precision);
        // The same double → T conversion on every backend, so all kernels see the same values.
        string cast = numeric.Precision == Precision.Float ? "(float)" : "";
        var names = new List<string> { "dt", "t" };
        names.AddRange(model.Parameters.Select(p => p.Name));
        names.AddRange(programUniforms);
        var uniforms = names.Distinct().Select(n => CSharpNames.Identifier(n))
            .Select(id => new UniformField(id, numeric.Name, cast + id)).ToList();
        return new GeneratedClass(
            model, what, $"{ParametersEmitter.FileName(model)}, line {model.Line}", ParametersEmitter.TypeName(model), numeric,
            sizes, checks, checksDoc, assignments, fields, properties, arrays,
            ParametersEmitter.Required(model).Select(p => p.Name).ToList(),
            hostUniforms, uniforms,
            model.EquationTexts.Select(e => "  " + e).ToList());
    }
}
