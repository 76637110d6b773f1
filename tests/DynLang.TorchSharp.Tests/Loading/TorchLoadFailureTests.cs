using DynLang.Runtime;

namespace DynLang.TorchSharp.Tests.Loading;

/// <summary>
/// A missing or unloadable libtorch must reach the user as one message that says what to install,
/// not as the DllNotFoundException or TypeInitializationException TorchSharp throws from deep
/// inside. The failures are synthetic (this machine loads libtorch): the exception shapes are the
/// ones TorchSharp and the .NET loader produce.
/// </summary>
public sealed class TorchLoadFailureTests
{
    [Fact]
    public void Missing_native_library_names_the_package_to_install()
    {
        var dll = new DllNotFoundException("Unable to load shared library 'LibTorchSharp' or one of its dependencies.");
        var explained = TorchLoadFailure.Explain(dll, "LifFastTorch");
        Assert.NotNull(explained);
        Assert.Same(dll, explained!.InnerException);
        Assert.StartsWith("LifFastTorch: TorchSharp could not load its native library (libtorch): Unable to load shared library 'LibTorchSharp'", explained.Message);
        Assert.Contains("TorchSharp-cpu", explained.Message);
        Assert.Contains("TorchSharp-cuda-linux", explained.Message);
    }

    [Fact]
    public void Glibcxx_failure_inside_a_type_initializer_points_to_the_docs()
    {
        // TorchSharp's own wording when the library is referenced but the loader refused it.
        var notSupported = new NotSupportedException(
            "This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64, Version=2.10.0.1.\n" +
            "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by libLibTorchSharp.so)");
        var typeInit = new TypeInitializationException("TorchSharp.torch", notSupported);
        var explained = TorchLoadFailure.Explain(typeInit, "OjaTorch");
        Assert.NotNull(explained);
        Assert.Same(typeInit, explained!.InnerException);
        // The innermost cause's first line, not the type initializer's generic text.
        Assert.Contains("doesn't contain a reference to libtorch-cpu-linux-x64", explained.Message);
        Assert.DoesNotContain("type initializer", explained.Message);
        Assert.Contains("GLIBCXX version not found", explained.Message);
        Assert.Contains("DynLang.TorchSharp.targets", explained.Message);
        Assert.Contains(TorchLoadFailure.DocsPointer, explained.Message);
    }

    [Fact]
    public void Missing_entry_point_counts_as_a_load_failure()
    {
        // A libtorch of another version than the TorchSharp assembly expects.
        var entry = new EntryPointNotFoundException("Unable to find an entry point named 'THSTensor_zeros' in shared library 'LibTorchSharp'.");
        Assert.NotNull(TorchLoadFailure.Explain(new TypeInitializationException("TorchSharp.torch", entry), "X"));
    }

    [Fact]
    public void Other_exceptions_are_not_explained()
    {
        Assert.Null(TorchLoadFailure.Explain(new ArgumentException("LifFastTorch.v: expected a tensor of shape [4]"), "X"));
        // A static initialiser outside TorchSharp failing for another reason is not a load failure.
        Assert.Null(TorchLoadFailure.Explain(new TypeInitializationException("My.Type", new InvalidOperationException("boom")), "X"));
        // TorchSharp's other NotSupportedExceptions (an unsupported operation) are left alone.
        Assert.Null(TorchLoadFailure.Explain(new NotSupportedException("Unsupported dtype Float16 for this operation"), "X"));
    }

    [Fact]
    public void A_working_libtorch_constructs_models_unchanged()
    {
        // The generated constructors wrap their first tensor operations; with libtorch loading they
        // must behave as before (and a bad argument still throws its own exception, not the explanation).
        using var pop = new LifFastTorch(4);
        Assert.Equal(4, pop.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LifFastTorch(-1));
    }
}
