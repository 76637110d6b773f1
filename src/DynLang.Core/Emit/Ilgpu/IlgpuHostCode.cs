using System.Collections.Generic;
using System.Linq;
using DynLang.Core.Emit.Cpu;
using DynLang.Core.Emit.Shape;
using DynLang.Core.Lowering.Ir;

namespace DynLang.Core.Emit.Ilgpu;

/// <summary>
/// Host-side members every ILGPU class has: the accelerator buffers with their checked allocation,
/// the explicit copies between host spans and buffers, the launch configuration of a grid-stride
/// kernel, and the launcher cache (kernels are compiled once per accelerator, not per instance).
/// </summary>
internal static class IlgpuHostCode
{
    /// <summary>The field holding the buffer of an array.</summary>
    public static string Buffer(string array) => array + "__buffer";

    /// <summary>
    /// The host fields every ILGPU class has (accelerator, compiled kernels, launch shape, the kernels'
    /// views), then one buffer per array of the description (with its comment, where it has one).
    /// <paramref name="swapped"/>: buffers and views are reassigned by Step (a field swaps buffers).
    /// </summary>
    public static void EmitFields(CodeWriter w, GeneratedClass c, string configType = "KernelConfig", bool swapped = false)
    {
        w.Line("private readonly Accelerator __accelerator;");
        w.Line("private readonly __Launchers __launchers;");
        w.Line($"private readonly {configType} __config{(configType.EndsWith("[]") ? "s" : "")};");
        if (swapped) w.Line("// Not readonly: Step swaps each state's buffer with its new-value buffer, as the CPU class swaps arrays.");
        else w.Line("private readonly __Views __views;");
        foreach (var array in c.Arrays)
        {
            if (array.Comment is not null) w.Line("// " + array.Comment);
            w.Line($"private {(swapped ? "" : "readonly ")}MemoryBuffer1D<{array.TypeFor(c.Numeric)}, Stride1D.Dense> {Buffer(array.Name)};");
        }
        if (swapped) w.Line("private __Views __views;");
        w.Line("private bool __disposed;");
    }

    /// <summary>Bytes per element of a buffer's element type.</summary>
    private static int ElementSize(string type) => type is "double" or "long" or "ulong" ? 8 : 4;

    /// <summary>
    /// The constructor's buffers: the memory check of them all (names and sizes in the message),
    /// then one allocation each; a failure frees those made before it.
    /// </summary>
    public static void EmitAllocation(CodeWriter w, GeneratedClass c, System.Action<CodeWriter>? more = null)
    {
        var requests = c.Arrays.Select(a => $"(\"{a.MessageName}\", {a.LongLength}, {ElementSize(a.TypeFor(c.Numeric))})");
        w.Line($"__CheckMemory(accelerator, new (string, long, int)[] {{ {string.Join(", ", requests)} }});");
        w.Line("// A failed allocation frees the buffers made before it (they are not reachable from a failed constructor's caller).");
        using (w.Block("try"))
        {
            foreach (var array in c.Arrays)
                w.Line($"{Buffer(array.Name)} = __Allocate<{array.TypeFor(c.Numeric)}>(accelerator, \"{array.MessageName}\", {array.LongLength});");
            more?.Invoke(w);
        }
        using (w.Block("catch"))
        {
            w.Line("__FreeBuffers();");
            w.Line("throw;");
        }
    }

    /// <summary>The views of every buffer, as the kernels' argument struct: <c>new __Views { v = v__buffer.View, … }</c>.</summary>
    public static string ViewsInitializer(GeneratedClass c, System.Func<ClassArray, string> view, IEnumerable<(string Name, string Initializer)>? extra = null) =>
        $"new __Views {{ {string.Join(", ", c.Arrays.Select(a => $"{view(a)} = {Buffer(a.Name)}.View").Concat((extra ?? []).Select(e => $"{e.Name} = {e.Initializer}")))} }}";

    /// <summary>The Accelerator property (the first public member of every ILGPU class).</summary>
    public static void EmitAcceleratorProperty(CodeWriter w, string kernels)
    {
        w.Doc("summary", $"The accelerator holding the buffers and running the {kernels}.");
        w.Line("public Accelerator Accelerator => __accelerator;");
        w.Line();
    }

    /// <summary>Synchronize, Dispose and the disposal of every buffer of the description.</summary>
    public static void EmitDisposal(CodeWriter w, GeneratedClass c, string? beforeDispose = null, System.Action<CodeWriter>? freeExtra = null)
    {
        w.Doc("summary", "Waits until every queued step has run.");
        w.Line("public void Synchronize() => __accelerator.DefaultStream.Synchronize();");
        w.Line();
        w.Doc("summary", "Frees the accelerator buffers.");
        using (w.Block("public void Dispose()"))
        {
            w.Line("if (__disposed) return;");
            if (beforeDispose is not null) w.Line(beforeDispose);
            w.Line("__disposed = true;");
            w.Line("__FreeBuffers();");
        }
        w.Line();
        using (w.Block("private void __FreeBuffers()"))
        {
            foreach (var array in c.Arrays) w.Line($"{Buffer(array.Name)}?.Dispose();");
            freeExtra?.Invoke(w);
        }
        w.Line();
    }

    /// <summary>
    /// The kernels' public argument structs: <c>__Views</c> (one view per buffer, named by
    /// <paramref name="view"/>) and <c>__Uniforms</c> (the description's uniform fields).
    /// </summary>
    public static void EmitArgumentStructs(CodeWriter w, GeneratedClass c, System.Func<ClassArray, string> view, string kernels, string uniformsDoc,
        IEnumerable<string>? extraViews = null)
    {
        w.Doc("summary", $"The {kernels} arrays (views of the buffers). Public only because ILGPU's CPU accelerator launches kernels from a dynamic assembly that must see their argument types; not for use.");
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Views"))
        {
            foreach (var array in c.Arrays) ArgumentField(w, $"public ArrayView1D<{array.TypeFor(c.Numeric)}, Stride1D.Dense> {view(array)};");
            foreach (var declaration in extraViews ?? []) ArgumentField(w, declaration);
        }
        w.Line();
        w.Doc("summary", uniformsDoc);
        w.Line("[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]");
        using (w.Block("public struct __Uniforms"))
            ClassPrinter.UniformFields(w, c.Uniforms, argumentDocs: true);
    }

    /// <summary>Public name stem of an array's members ("v" → "V": UploadV, DownloadV, VBuffer).</summary>
    public static string Stem(string array) => CSharpNames.Capitalized(array);

    /// <summary>
    /// Allocation with the sizes in the error: a request the accelerator cannot hold fails before any
    /// buffer is made (the total against <c>Accelerator.MemorySize</c>), and an allocation that fails
    /// anyway is rethrown naming the buffer, its length and the bytes asked for.
    /// </summary>
    public static void EmitAllocationHelpers(CodeWriter w, string className)
    {
        w.Doc("summary", "Refuses a set of buffers larger than the accelerator's memory, naming each buffer and its size.");
        using (w.Block("private static void __CheckMemory(Accelerator accelerator, (string Name, long Length, int ElementSize)[] buffers)"))
        {
            w.Line("// decimal: absurd sizes must fail this check, not overflow past it.");
            w.Line("decimal total = 0;");
            w.Line("foreach (var b in buffers) total += (decimal)b.Length * b.ElementSize;");
            w.Line("if (total <= accelerator.MemorySize) return;");
            w.Line("string list = string.Join(\", \", Array.ConvertAll(buffers, b => $\"{b.Name}: {b.Length} × {b.ElementSize} B\"));");
            w.Line($"throw new InsufficientMemoryException($\"{className}: the buffers need {{total}} bytes ({{list}}) but accelerator '{{accelerator.Name}}' has {{accelerator.MemorySize}} bytes of memory.\");");
        }
        w.Line();
        w.Doc("summary", "Allocates one buffer; an out-of-memory failure is rethrown with the buffer's name and size.");
        using (w.Block("private static MemoryBuffer1D<TElement, Stride1D.Dense> __Allocate<TElement>(Accelerator accelerator, string name, long length) where TElement : unmanaged"))
        {
            w.Line("try");
            w.Line("{");
            w.Line("    return accelerator.Allocate1D<TElement>(length);");
            w.Line("}");
            w.Line("catch (Exception e) when (e is OutOfMemoryException || e is AcceleratorException)");
            w.Line("{");
            w.Line($"    throw new InsufficientMemoryException($\"{className}: allocating buffer '{{name}}' ({{length}} × {{Unsafe.SizeOf<TElement>()}} bytes = {{length * Unsafe.SizeOf<TElement>()}} bytes) on accelerator '{{accelerator.Name}}' failed: {{e.Message}}\", e);");
            w.Line("}");
        }
        w.Line();
    }

    /// <summary>Refills every state buffer with its initial value (host expression; the parameter locals are printed first where needed).</summary>
    public static void EmitFillStates(CodeWriter w, GeneratedClass c)
    {
        ClassPrinter.InitialValueLocals(w, c);
        var printer = ClassPrinter.HostPrinter();
        foreach (var state in c.States)
            w.Line($"__Fill({Buffer(state.Name)}, ({c.Numeric.Name})({ClassPrinter.InitialValue(state, printer)}));");
    }

    /// <summary>
    /// The host side of every Step up to its uniforms (<see cref="ClassPrinter.StepPrelude"/>), with
    /// the check that the instance is not disposed after the dt check.
    /// </summary>
    public static void EmitStepPrelude(CodeWriter w, GeneratedClass c, string className) =>
        ClassPrinter.StepPrelude(w, c, ClassPrinter.HostPrinter(), $"if (__disposed) throw new ObjectDisposedException({CSharpNames.StringLiteral(className)});");

    /// <summary>
    /// The launch shape of a grid-stride kernel over <c>work</c> items: groups of a multiple of the
    /// warp size (at most 256 threads), and no more groups than the accelerator runs at once —
    /// each thread then loops with stride grid×group, so any size is covered by one launch.
    /// </summary>
    public static void EmitLaunchConfig(CodeWriter w)
    {
        w.Doc("summary", "Launch shape of a grid-stride kernel over <paramref name=\"work\"/> items (at least one group) in groups of at most <paramref name=\"maxGroup\"/> threads.");
        using (w.Block("private static KernelConfig __Config(Accelerator accelerator, long work, int maxGroup = 256)"))
        {
            w.Line("int warp = Math.Max(1, accelerator.WarpSize);");
            w.Line("int group = Math.Max(warp, Math.Min(maxGroup, accelerator.MaxNumThreadsPerGroup) / warp * warp);");
            w.Line("long resident = Math.Max(1L, (long)accelerator.NumMultiprocessors * Math.Max(1, accelerator.MaxNumThreadsPerMultiprocessor / group));");
            w.Line("long groups = Math.Max(1L, Math.Min((work + group - 1) / group, resident));");
            w.Line("return new KernelConfig((int)Math.Min(groups, int.MaxValue), group);");
        }
        w.Line();
    }

    /// <summary>Upload, Download and the buffer of one array; lengths are checked against <paramref name="lengthExpression"/>.</summary>
    public static void EmitArrayMembers(CodeWriter w, string className, string array, string typeName, string lengthExpression, string description)
    {
        string stem = Stem(array);
        w.Doc("summary", $"The accelerator buffer of {description}: for kernels of your own; the copies below are the checked way in and out.");
        w.Line($"public MemoryBuffer1D<{typeName}, Stride1D.Dense> {stem}Buffer => {Buffer(array)};");
        w.Line();
        w.Doc("summary", $"Copies <paramref name=\"values\"/> (exactly {lengthExpression.Replace("__", "")} of them) from the host into {description}.");
        w.Doc("exception", "the span's length is not the array's length.", "cref=\"ArgumentException\"");
        using (w.Block($"public void Upload{stem}(ReadOnlySpan<{typeName}> values)"))
        {
            w.Line($"__CheckLength(\"{array}\", {lengthExpression}, values.Length, nameof(values));");
            w.Line($"{Buffer(array)}.View.CopyFromCPU(__accelerator.DefaultStream, values);");
            w.Line("__accelerator.DefaultStream.Synchronize();");
        }
        w.Line();
        w.Doc("summary", $"Copies {description} to <paramref name=\"destination\"/> on the host (waits for pending steps).");
        w.Doc("exception", "the span's length is not the array's length.", "cref=\"ArgumentException\"");
        using (w.Block($"public void Download{stem}(Span<{typeName}> destination)"))
        {
            w.Line($"__CheckLength(\"{array}\", {lengthExpression}, destination.Length, nameof(destination));");
            w.Line("__accelerator.DefaultStream.Synchronize();");
            w.Line($"{Buffer(array)}.View.CopyToCPU(__accelerator.DefaultStream, destination);");
            w.Line("__accelerator.DefaultStream.Synchronize();");
        }
        w.Line();
        w.Doc("summary", $"Copies {description} into a new host array (waits for pending steps).");
        using (w.Block($"public {typeName}[] Download{stem}()"))
        {
            w.Line($"var values = new {typeName}[{lengthExpression}];");
            w.Line($"Download{stem}(values);");
            w.Line("return values;");
        }
        w.Line();
    }

    /// <summary>The length check of the copies, and the fill used by Reset.</summary>
    public static void EmitCopyHelpers(CodeWriter w, string className)
    {
        using (w.Block("private static void __CheckLength(string array, long expected, int found, string parameter)"))
        {
            w.Line("if (found != expected)");
            w.Line($"    throw new ArgumentException($\"{className}: array '{{array}}' has {{expected}} elements on the accelerator, but the span has {{found}}.\", parameter);");
        }
        w.Line();
        w.Doc("summary", "Sets every element of a buffer to one value (Reset: not a per-step path, so a host array is fine).");
        using (w.Block("private void __Fill<TElement>(MemoryBuffer1D<TElement, Stride1D.Dense> buffer, TElement value) where TElement : unmanaged"))
        {
            w.Line("if (buffer.Length == 0) return;");
            w.Line("var host = new TElement[buffer.Length];");
            w.Line("Array.Fill(host, value);");
            w.Line("buffer.View.CopyFromCPU(__accelerator.DefaultStream, host);");
        }
        w.Line();
    }

    /// <summary>The arguments of a kernel over the class's views and uniforms.</summary>
    public const string ViewsAndUniforms = "__Views, __Uniforms";

    /// <summary>The extra arguments of a kernel over a device spike list: its indices and its one-element length.</summary>
    public const string SpikeListArguments = "ArrayView1D<int, Stride1D.Dense>, ArrayView1D<int, Stride1D.Dense>";

    /// <summary>The launcher cache: one compiled kernel set per accelerator, shared by all instances on it.</summary>
    public static void EmitLauncherCache(CodeWriter w, IReadOnlyList<(string Field, string Kernel)> kernels) =>
        EmitLauncherCache(w, kernels.Select(k => (k.Field, k.Kernel, ViewsAndUniforms)).ToList());

    /// <summary>The launcher cache of kernels with the given argument types (after the KernelConfig).</summary>
    public static void EmitLauncherCache(CodeWriter w, IReadOnlyList<(string Field, string Kernel, string Arguments)> kernels)
    {
        w.Doc("summary", "The compiled kernels of one accelerator (ILGPU compiles a kernel in about 0.3 s: once per accelerator, not per instance).");
        using (w.Block("private sealed class __Launchers"))
        {
            foreach (var (field, _, arguments) in kernels) w.Line($"public readonly Action<KernelConfig, {arguments}> {field};");
            w.Line();
            using (w.Block("public __Launchers(Accelerator accelerator)"))
            {
                foreach (var (field, kernel, arguments) in kernels)
                    w.Line($"{field} = accelerator.LoadStreamKernel<{arguments}>({kernel});");
            }
        }
        w.Line();
        w.Line("private static readonly ConditionalWeakTable<Accelerator, __Launchers> __launcherCache = new();");
        w.Line();
    }

    /// <summary>A field of the kernels' public argument structs, with the doc comment projects with documentation files require.</summary>
    public static void ArgumentField(CodeWriter w, string declaration)
    {
        w.Line("/// <summary>Kernel argument (not for use).</summary>");
        w.Line(declaration);
    }

    /// <summary>The using directives of an ILGPU file.</summary>
    public static IEnumerable<string> Usings => new[]
    {
        "System", "System.Runtime.CompilerServices", "DynLang.Runtime", "DynLang.Ilgpu", "ILGPU", "ILGPU.Runtime",
    };
}
