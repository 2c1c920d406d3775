namespace Chatbot.Storage;

/// <summary>Where the bot keeps state, transcripts and its journal.</summary>
public enum StorageProvider
{
    /// <summary>A SQLite file under the app's data folder: survives restarts, one instance.</summary>
    Sqlite,

    /// <summary>PostgreSQL: several instances behind a load balancer share it.</summary>
    Postgres,

    /// <summary>In the process only, lost on restart: for tests.</summary>
    Memory,
}
