namespace Chatbot.Tests.Reliability;

/// <summary>
/// A temporary folder holding the bot's SQLite database, as the README's run command keeps it (the default
/// provider), instead of the in-memory store the other host tests use; deleted afterwards.
/// </summary>
internal sealed class SqliteDataFolder : IDisposable
{
    public SqliteDataFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"chatbot-reliability-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>The database file.</summary>
    public string DatabaseFile => System.IO.Path.Combine(Path, "chatbot.db");

    /// <summary>Settings that put the bot's state on SQLite in this folder, plus <paramref name="more"/>.</summary>
    /// <param name="connectionSuffix">Added to the connection string (e.g. <c>;Default Timeout=1</c>).</param>
    /// <param name="more">Further settings, which win.</param>
    public Dictionary<string, string?> Settings(string connectionSuffix = "", IEnumerable<KeyValuePair<string, string?>>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={DatabaseFile}{connectionSuffix}",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public void Dispose()
    {
        // SQLite's pool may hold the file a moment after the host stops; a leftover temp folder is no failure.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
