namespace DynLang.Generators.Tests.Infrastructure;

/// <summary>The .dyn test models under Models/, given to the generator under a fixed fake path.</summary>
internal static class ModelFiles
{
    /// <summary>Where the generator is told the models are: fixed, so #line paths in baselines are stable.</summary>
    public const string FakeFolder = "/models/";

    public static (string Path, string Text) Load(string fileName) =>
        (FakeFolder + fileName, File.ReadAllText(System.IO.Path.Combine(TestEnvironment.TestProjectDir, "Models", fileName)));
}
