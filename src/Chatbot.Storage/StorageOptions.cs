using System.ComponentModel.DataAnnotations;

namespace Chatbot.Storage;

/// <summary>Where conversation state, transcripts and the pilot journal live (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>The database the bot keeps its state in.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The provider's connection string. For <see cref="StorageProvider.Sqlite"/> it defaults to
    /// <c>Data Source=data/chatbot.db</c> (relative to the working directory); for
    /// <see cref="StorageProvider.Postgres"/> it is required.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Keep transcripts (and the questions in the answer journal) for this many days; 0 keeps them forever.</summary>
    [Range(0, 36500)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Replace e-mail addresses and phone numbers in transcripts and the journal before they are stored.</summary>
    public bool RedactPersonalData { get; set; } = true;

    /// <summary>Whether to log transcripts at all.</summary>
    public bool Transcripts { get; set; } = true;

    /// <summary>The default SQLite connection string.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/chatbot.db";
}
