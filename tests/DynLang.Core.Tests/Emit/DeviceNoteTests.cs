using DynLang.Core.Compilation;
using DynLang.Core.Diagnostics;
using DynLang.Core.Lowering;

namespace DynLang.Core.Tests.Emit;

/// <summary>
/// DL0340: with ILGPU asked for, a synapse whose pathway sets a neuron variable other than by one
/// addition gets its CPU class only, and a located note says why; additive synapses get both.
/// </summary>
public sealed class DeviceNoteTests
{
    private const string Cell = """
        neuron Cell {
          state v = 0 mV, y : 1 = 0
          dv/dt = -v/(10 ms)
          dy/dt = -y/(10 ms)
          on v > 10 mV { v = 0 mV; emit spike }
        }

        """;

    [Fact]
    public void A_synapse_that_sets_a_neuron_variable_gets_a_located_note_and_no_ILGPU_class()
    {
        const string text = Cell + "synapse Ordered(pre Cell, post Cell) {\n  on pre { post.y = 10*post.y + 1 }\n}\n";
        var result = DynCompiler.Compile("/m/model.dyn", text, new CompileOptions(EmitIlgpu: true));
        var note = Assert.Single(result.Diagnostics, d => d.Id == "DL0340");
        Assert.Equal(DiagnosticSeverity.Info, note.Severity);
        Assert.Equal(7, note.Location.Start.Line + 1); // the synapse's header
        Assert.Contains("synapse 'Ordered' gets no ILGPU class", note.Message);
        Assert.Contains("post.y", note.Message);
        Assert.Contains("model.dyn, line 8", note.Message);
        Assert.DoesNotContain(result.Files, f => f.HintName == "Ordered.Ilgpu.g.cs");
        Assert.Contains(result.Files, f => f.HintName == "Ordered.g.cs");
        Assert.Contains(result.Files, f => f.HintName == "Cell.Ilgpu.g.cs");
    }

    [Theory]
    [InlineData("on pre { post.y += 1 }")]
    [InlineData("on pre { post.y -= 0.5 }")]
    public void An_additive_synapse_gets_its_ILGPU_class_and_no_note(string pathway)
    {
        string text = Cell + "synapse Additive(pre Cell, post Cell) {\n  " + pathway + "\n}\n";
        var result = DynCompiler.Compile("/m/model.dyn", text, new CompileOptions(EmitIlgpu: true));
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "DL0340");
        Assert.Contains(result.Files, f => f.HintName == "Additive.Ilgpu.g.cs");
    }

    [Fact]
    public void Without_ILGPU_there_is_no_note()
    {
        const string text = Cell + "synapse Ordered(pre Cell, post Cell) {\n  on pre { post.y = 10*post.y + 1 }\n}\n";
        Assert.DoesNotContain(DynCompiler.Compile("/m/model.dyn", text, default).Diagnostics, d => d.Id == "DL0340");
    }
}
