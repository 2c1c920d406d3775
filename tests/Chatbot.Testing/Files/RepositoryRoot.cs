namespace Chatbot.Testing.Files;

/// <summary>The repository the tests were built from: the folder above the test output that holds Chatbot.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> _path = new(Find);

    /// <summary>The repository's root folder.</summary>
    public static string Path => _path.Value;

    /// <summary>A path inside the repository.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Chatbot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Chatbot.sln above {AppContext.BaseDirectory}.");
    }
}
