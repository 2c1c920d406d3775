using Microsoft.Data.Sqlite;

namespace Chatbot.Tests.Protection;

/// <summary>
/// A folder for the app's SQLite database, the storage users run it on (the README's command, default settings),
/// deleted afterwards. Several apps given the same settings share the file, as a restarted bot does.
/// </summary>
internal sealed class SqliteAppFolder : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"chatbot-edge-{Guid.NewGuid():N}");

    public SqliteAppFolder() => Directory.CreateDirectory(_folder);

    /// <summary>Settings that put state, transcripts and the journal in this folder's <c>chatbot.db</c>, plus <paramref name="more"/>.</summary>
    public Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_folder, "chatbot.db")}",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing depends on it.
        }
    }
}
