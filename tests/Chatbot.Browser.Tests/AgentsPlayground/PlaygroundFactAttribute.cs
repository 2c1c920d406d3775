using Chatbot.Browser.Tests.Browsers;

namespace Chatbot.Browser.Tests.AgentsPlayground;

/// <summary>A browser test that also needs Node.js and the Agents Playground installed by the test build.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PlaygroundFactAttribute : BrowserFactAttribute
{
    protected override IEnumerable<string?> MissingPrerequisites()
    {
        foreach (var missing in base.MissingPrerequisites())
        {
            yield return missing;
        }

        yield return OnPath("node") ? null : "Node.js 20 or later on the PATH";
        yield return File.Exists(PlaygroundServer.CliPath) ? null : $"the Agents Playground in {PlaygroundServer.PackageFolder} (npm ci, which the test build runs when npm is on the PATH)";
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
