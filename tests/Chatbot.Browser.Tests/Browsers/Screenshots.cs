using Chatbot.Testing.Files;
using Microsoft.Playwright;

namespace Chatbot.Browser.Tests.Browsers;

/// <summary>Full-page screenshots: a test artifact under the test output, and optionally the README's copy in docs/screenshots.</summary>
public static class Screenshots
{
    /// <summary>Where screenshots are kept as test artifacts: <c>screenshots/</c> in the test output folder.</summary>
    public static string ArtifactFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Saves <paramref name="page"/> as <c>name.png</c> under <see cref="ArtifactFolder"/> and returns the path.</summary>
    public static async Task<string> SaveArtifactAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Directory.CreateDirectory(ArtifactFolder);
        var path = Path.Combine(ArtifactFolder, name + ".png");
        // Transitions (a pop-up fading in) are finished first, so the picture shows what a person sees after them.
        await page.ScreenshotAsync(new() { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    /// <summary>Saves <paramref name="page"/> as a test artifact and as <c>docs/screenshots/name.png</c>, the picture the README shows.</summary>
    public static async Task<string> SaveForDocsAsync(IPage page, string name)
    {
        var artifact = await SaveArtifactAsync(page, name);
        var docs = RepositoryRoot.Combine("docs", "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(docs)!);
        File.Copy(artifact, docs, overwrite: true);
        return docs;
    }
}
