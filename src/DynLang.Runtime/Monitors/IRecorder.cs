namespace DynLang.Runtime;

/// <summary>
/// A network object that keeps records in files. The network calls <see cref="Flush"/> on every
/// recorder when a run ends, is cancelled or throws, so that an interrupted run leaves files
/// that hold every record made so far and can be read.
/// </summary>
public interface IRecorder
{
    /// <summary>
    /// Writes every record not yet in the files and leaves each file complete and readable
    /// (a .npy header that describes all the data, whole CSV lines). Safe to call at any time,
    /// also after the recorder was disposed (it then does nothing).
    /// </summary>
    void Flush();
}
