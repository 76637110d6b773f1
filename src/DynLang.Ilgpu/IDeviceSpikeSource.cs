using DynLang.Runtime;
using ILGPU.Runtime;

namespace DynLang.Ilgpu;

/// <summary>
/// A spike source on an accelerator: the spikes of the current step are a <see cref="DeviceSpikeList"/>
/// in its memory, which synapse kernels read without a copy to the host. Valid from the phase in
/// which the source decides its spikes (Groups for populations, Thresholds for inputs) until the
/// next step.
/// </summary>
public interface IDeviceSpikeSource : ISpikeSource, IBackendObject
{
    /// <summary>The accelerator holding the list.</summary>
    Accelerator Accelerator { get; }

    /// <summary>This step's spikes on the device (unordered; <see cref="ISpikeSource.SpikesThisStep"/> gives them ascending on the host).</summary>
    DeviceSpikeList DeviceSpikes { get; }
}
