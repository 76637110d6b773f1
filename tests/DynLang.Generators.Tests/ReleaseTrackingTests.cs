using DynLang.Core.Diagnostics;
using DynLang.Generators.Pipeline;
using DynLang.Generators.Tests.Infrastructure;

namespace DynLang.Generators.Tests;

/// <summary>
/// AnalyzerReleases.*.md lists exactly the catalog's ids (with category and default severity), and every
/// descriptor links to its documentation page. The release-tracking analyzer cannot check this itself
/// (the descriptors are built from DynLang.Core's catalog, not from literals), so this test does.
/// With DYNLANG_UPDATE_BASELINES=1 the Unshipped file is rewritten from the catalog.
/// </summary>
public class ReleaseTrackingTests
{
    [Fact]
    public void Release_files_list_exactly_the_catalog()
    {
        var shipped = ReleaseTracking.ReadRules(ReleaseTracking.ShippedPath);
        if (TestEnvironment.UpdateBaselines)
            File.WriteAllText(ReleaseTracking.UnshippedPath, ReleaseTracking.RenderUnshipped(shipped.Select(r => r.Id)));
        var unshipped = ReleaseTracking.ReadRules(ReleaseTracking.UnshippedPath);

        var listed = shipped.Concat(unshipped).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var catalog = ReleaseTracking.CatalogRules();
        Assert.True(listed.Select(r => r.Id).Distinct().Count() == listed.Count, "an id is listed twice");
        Assert.True(catalog.SequenceEqual(listed),
            "AnalyzerReleases.*.md differs from DiagnosticDescriptors.All (rerun with DYNLANG_UPDATE_BASELINES=1):\n" +
            $"  missing: {string.Join(", ", catalog.Except(listed))}\n  extra:   {string.Join(", ", listed.Except(catalog))}");
    }

    [Fact]
    public void The_catalog_is_not_empty_and_ids_are_well_formed()
    {
        Assert.NotEmpty(DiagnosticDescriptors.All);
        Assert.All(DiagnosticDescriptors.All, d => Assert.Matches("^DL[0-9]{4}$", d.Id));
        Assert.Equal(DiagnosticDescriptors.All.Count, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }

    [Fact]
    public void Every_descriptor_links_to_its_page()
    {
        Assert.All(DiagnosticDescriptors.All, d => Assert.EndsWith("/" + d.Id + ".md", d.HelpLink));
        Assert.All(RoslynDiagnostics.All, d => Assert.EndsWith("/" + d.Id + ".md", d.HelpLinkUri));
    }

    [Fact]
    public void Roslyn_descriptors_mirror_the_catalog()
    {
        var roslyn = RoslynDiagnostics.All.ToDictionary(d => d.Id);
        Assert.Equal(DiagnosticDescriptors.All.Count, roslyn.Count);
        foreach (var d in DiagnosticDescriptors.All)
        {
            var r = roslyn[d.Id];
            Assert.Equal(d.Title, r.Title.ToString());
            Assert.Equal(d.Category, r.Category);
            Assert.Equal(d.DefaultSeverity.ToString(), r.DefaultSeverity.ToString());
            Assert.True(r.IsEnabledByDefault, $"{d.Id} is disabled by default");
        }
    }
}
