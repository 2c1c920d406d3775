using Chatbot.Testing.Files;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Chatbot.Tests.Packaging;

/// <summary>deploy/teams: build-package.sh writes a Teams app package whose manifest Teams accepts.</summary>
public sealed class TeamsPackageTests : IDisposable
{
    private const string BotId = "0b5cad00-1111-4222-8333-944445555666";
    private static readonly string s_teamsDir = RepositoryRoot.Combine("deploy", "teams");
    private readonly string _temp = Directory.CreateTempSubdirectory("teams-package-tests-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [RequiresToolsFact("bash", "python3", "zip")]
    public async Task BuildPackage_WithABotId_ZipsAManifestAndTheIconsAtTheRoot()
    {
        var zipPath = Path.Combine(_temp, "app.zip");

        var run = await RunAsync("build-package.sh", "--bot-id", BotId, "--domain", "bot.example.com", "--output", zipPath);

        Assert.True(run.ExitCode == 0, run.Error);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        var manifest = ReadManifest(zip);
        Assert.Equal("1.30", (string?)manifest["manifestVersion"]);
        Assert.EndsWith("/v1.30/MicrosoftTeams.schema.json", (string?)manifest["$schema"], StringComparison.Ordinal);
        Assert.Equal(BotId, (string?)manifest["id"]); // the app id defaults to the bot id
        Assert.Equal("1.0.0", (string?)manifest["version"]);
        Assert.Equal("Generative AI Guide", (string?)manifest["name"]!["short"]);
        Assert.Equal("https://bot.example.com/", (string?)manifest["developer"]!["websiteUrl"]);
        Assert.Equal(["bot.example.com"], manifest["validDomains"]!.AsArray().Select(d => (string?)d));
        Assert.Equal("color.png", (string?)manifest["icons"]!["color"]);
        Assert.Equal("outline.png", (string?)manifest["icons"]!["outline"]);
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal(BotId, (string?)bot["botId"]);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string?)s));
        Assert.False((bool)bot["supportsFiles"]!);
        var commands = Assert.Single(bot["commandLists"]!.AsArray())!["commands"]!.AsArray();
        Assert.InRange(commands.Count, 1, 12);
        Assert.All(commands, c => Assert.InRange(((string?)c!["title"])!.Length, 1, 32));
        Assert.DoesNotContain("${{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [RequiresToolsFact("bash", "python3", "zip")]
    public async Task BuildPackage_TakesTheAppIdAndTextsFromItsOptions_AsJsonText()
    {
        const string appId = "11111111-2222-4333-8444-555555555555";
        const string description = "Says \"why\" and cites \\ sources.";
        var zipPath = Path.Combine(_temp, "app.zip");

        var run = await RunAsync(
            "build-package.sh", "--bot-id", BotId, "--app-id", appId, "--version", "2.3.4", "--name", "GenAI Guide",
            "--short-description", description, "--website-url", "https://example.com/guide", "--output", zipPath);

        Assert.True(run.ExitCode == 0, run.Error);
        using var zip = ZipFile.OpenRead(zipPath);
        var manifest = ReadManifest(zip);
        Assert.Equal(appId, (string?)manifest["id"]);
        Assert.Equal(BotId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal("2.3.4", (string?)manifest["version"]);
        Assert.Equal("GenAI Guide", (string?)manifest["name"]!["short"]);
        Assert.Equal(description, (string?)manifest["description"]!["short"]);
        Assert.Equal("https://example.com/guide", (string?)manifest["developer"]!["privacyUrl"]);
        Assert.Empty(manifest["validDomains"]!.AsArray());
    }

    [RequiresToolsFact("bash", "python3", "zip")]
    public async Task BuildPackage_WithBadParameters_WritesNothingAndNamesEachProblem()
    {
        var zipPath = Path.Combine(_temp, "app.zip");

        var missing = await RunAsync("build-package.sh", "--output", zipPath);
        var bad = await RunAsync("build-package.sh", "--bot-id", "not-a-guid", "--website-url", "http://example.com", "--version", "1.0", "--output", zipPath);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--bot-id is required", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--bot-id must be a GUID", bad.Error, StringComparison.Ordinal);
        Assert.Contains("--website-url must be an absolute https URL", bad.Error, StringComparison.Ordinal);
        Assert.Contains("--version must be MAJOR.MINOR.PATCH", bad.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    [RequiresToolsFact("python3")]
    public async Task CommittedIcons_AreWhatMakeIconsDraws()
    {
        var run = await RunAsync("make-icons.py", _temp);

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var icon in new[] { "color.png", "outline.png" })
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(s_teamsDir, icon)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_temp, icon))),
                $"deploy/teams/{icon} differs from what make-icons.py draws: run python3 deploy/teams/make-icons.py and commit the icons.");
        }
    }

    [Fact]
    public void Icons_HaveTheSizesTeamsRequires_AndTheOutlineIsWhiteOnTransparent()
    {
        var color = PngImage.Read(File.ReadAllBytes(Path.Combine(s_teamsDir, "color.png")));
        var outline = PngImage.Read(File.ReadAllBytes(Path.Combine(s_teamsDir, "outline.png")));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        var colorPixels = Pixels(color).ToList();
        Assert.All(colorPixels, p => Assert.Equal(255, p.A)); // full colour: no transparency
        Assert.True(colorPixels.Distinct().Count() > 2, "the colour icon should be more than one flat colour");
        var outlinePixels = Pixels(outline).ToList();
        Assert.All(outlinePixels, p => Assert.True(p.A == 0 || (p.R, p.G, p.B) == (255, 255, 255), $"outline pixel {p} is neither white nor transparent"));
        Assert.Contains(outlinePixels, p => p.A == 0);
        Assert.Contains(outlinePixels, p => p.A == 255);
    }

    private static IEnumerable<(byte R, byte G, byte B, byte A)> Pixels(PngImage image)
    {
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                yield return image[x, y];
            }
        }
    }

    private static JsonNode ReadManifest(ZipArchive zip)
    {
        using var stream = zip.GetEntry("manifest.json")!.Open();
        return JsonNode.Parse(stream)!;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, params string[] args)
    {
        var start = new ProcessStartInfo(script.EndsWith(".py", StringComparison.Ordinal) ? "python3" : "bash")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        start.ArgumentList.Add(Path.Combine(s_teamsDir, script));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The environment must not fill in what a test leaves out.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TEAMS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output, await error);
    }
}
