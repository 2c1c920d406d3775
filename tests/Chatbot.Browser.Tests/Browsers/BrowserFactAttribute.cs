namespace Chatbot.Browser.Tests.Browsers;

/// <summary>
/// A test that needs Chromium (<see cref="ChromiumFixture.ExecutablePath"/>). Without it the test is skipped with the
/// reason on a developer's machine, and runs (and fails, saying what is missing) in CI, where <c>bash .ci/run</c>
/// installs it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public class BrowserFactAttribute : FactAttribute
{
    /// <inheritdoc />
    public override string? Skip
    {
        get => base.Skip ?? SkipReason();
        set => base.Skip = value;
    }

    /// <summary>What the test needs from the machine, each with what to do when it is missing; null when it is there.</summary>
    protected virtual IEnumerable<string?> MissingPrerequisites()
    {
        yield return File.Exists(ChromiumFixture.ExecutablePath) ? null : $"Chromium at {ChromiumFixture.ExecutablePath} (apt-get install chromium, or set CHROMIUM_PATH)";
    }

    private string? SkipReason()
    {
        // CI=true is set by CI services (and by this project's CI): there a missing tool is a failure, not a skip.
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var missing = MissingPrerequisites().OfType<string>().ToList();
        return missing.Count == 0 ? null : $"Needs {string.Join("; ", missing)}. bash .ci/run installs what is missing.";
    }
}
