namespace Chatbot.Tests.Packaging;

/// <summary>A fact that is skipped, saying which, when a command-line tool it runs is not on PATH.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolsFactAttribute : FactAttribute
{
    public RequiresToolsFactAttribute(params string[] tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        Tools = tools;
        var missing = tools.Where(tool => !IsOnPath(tool)).ToList();
        if (missing.Count > 0)
        {
            Skip = $"Not installed: {string.Join(", ", missing)} (Debian: apt-get install {string.Join(' ', missing)}).";
        }
    }

    /// <summary>The tools the test runs.</summary>
    public IReadOnlyList<string> Tools { get; }

    private static bool IsOnPath(string tool)
        => (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)) || File.Exists(Path.Combine(dir, tool + ".exe")));
}
