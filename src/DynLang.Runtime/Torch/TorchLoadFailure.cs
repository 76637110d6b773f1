using System;
using System.Runtime.InteropServices;
using System.Text;

namespace DynLang.Runtime;

/// <summary>
/// Turns a failure to load TorchSharp's native library (libtorch, libLibTorchSharp) into one
/// message that says what to install. TorchSharp reports a missing or unloadable libtorch as a
/// <see cref="DllNotFoundException"/>, a <see cref="NotSupportedException"/> ("… doesn't contain a
/// reference to libtorch-cpu-linux-x64", also when the reference is there but the library did not
/// load) or a <see cref="TypeInitializationException"/> around them, from deep inside the first
/// tensor operation. The generated <c>{Model}Torch</c> constructors catch what their first tensor
/// operations throw and rethrow this explanation. Pure .NET: the runtime stays free of TorchSharp;
/// the exception chain is recognised by type and text.
/// </summary>
public static class TorchLoadFailure
{
    /// <summary>The documentation section on loading libtorch on older Linux distributions.</summary>
    public const string DocsPointer = "docs/torchsharp.md, section \"Loading libtorch on older Linux (Debian 12)\"";

    /// <summary>
    /// The explanation of <paramref name="caught"/> if it (or an exception inside it) is a failure to
    /// load libtorch; null for any other exception (which the caller lets propagate unchanged).
    /// </summary>
    /// <param name="caught">What the first TorchSharp call threw.</param>
    /// <param name="user">Who needed TorchSharp (a generated class name), named in the message.</param>
    /// <returns>An <see cref="InvalidOperationException"/> whose inner exception is <paramref name="caught"/>, or null.</returns>
    public static InvalidOperationException? Explain(Exception caught, string user)
    {
        if (caught is null) throw new ArgumentNullException(nameof(caught));
        if (!IsLoadFailure(caught, out Exception cause)) return null;
        bool glibcxx = ChainMentions(caught, "GLIBCXX");
        var message = new StringBuilder();
        message.Append(user).Append(": TorchSharp could not load its native library (libtorch): ")
            .Append(FirstLine(cause.Message)).Append(' ');
        message.Append("Reference a TorchSharp package that carries libtorch in the project that holds the .dyn files: ")
            .Append("<PackageReference Include=\"TorchSharp-cpu\" Version=\"0.107.0\" /> for the CPU, or TorchSharp-cuda-linux / TorchSharp-cuda-windows for an NVIDIA GPU ")
            .Append("(the plain TorchSharp package has no native library).");
        if (glibcxx || RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            message.Append(glibcxx
                ? " This system's libstdc++ is older than the one libtorch was built against (GLIBCXX version not found):"
                : " On Linux, if the cause is \"version `GLIBCXX_3.4.32' not found\" (Debian 12, Ubuntu 22.04: libstdc++ older than libtorch's):");
            message.Append(" the DynLang package's build marks that requirement optional in the output copy (DynLang.TorchSharp.targets, unless DynLangPatchLibTorchSharp is false; ")
                .Append("a project inside the DynLang repository imports src/DynLang.TorchSharp/build/DynLang.TorchSharp.targets), ")
                .Append("or install the libstdc++ of GCC 13 or newer; see ").Append(DocsPointer).Append('.');
        }
        return new InvalidOperationException(message.ToString(), caught);
    }

    /// <summary>
    /// True when the chain holds a native-load failure: a missing or malformed library or entry
    /// point, TorchSharp's own "could not load" <see cref="NotSupportedException"/>, or a failed
    /// static initialiser of a TorchSharp type. <paramref name="cause"/> is the innermost such exception.
    /// </summary>
    private static bool IsLoadFailure(Exception caught, out Exception cause)
    {
        cause = caught;
        bool found = false;
        for (Exception? e = caught; e is not null; e = e.InnerException)
        {
            bool load = e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
                || e is NotSupportedException && MentionsNativeLibrary(e.Message)
                || e is TypeInitializationException t && (t.TypeName ?? "").StartsWith("TorchSharp", StringComparison.Ordinal);
            if (load)
            {
                found = true;
                // The innermost cause names the library or symbol; a type initializer's message does not.
                if (e is not TypeInitializationException) cause = e;
            }
        }
        return found;
    }

    private static bool MentionsNativeLibrary(string message) =>
        message.IndexOf("libtorch", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("LibTorchSharp", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("native", StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool ChainMentions(Exception caught, string text)
    {
        for (Exception? e = caught; e is not null; e = e.InnerException)
            if (e.Message.IndexOf(text, StringComparison.Ordinal) >= 0) return true;
        return false;
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(new[] { '\r', '\n' });
        string line = (end < 0 ? message : message.Substring(0, end)).Trim();
        return line.EndsWith(".", StringComparison.Ordinal) ? line : line + ".";
    }
}
