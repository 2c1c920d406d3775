using Chatbot.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Chatbot.Storage;

/// <summary>
/// The bot's database: state items, transcripts, answers with their feedback, and handoffs. One
/// subclass per provider (<see cref="SqliteChatbotDbContext"/>, <see cref="PostgresChatbotDbContext"/>)
/// so each keeps migrations written for its own SQL.
/// </summary>
public abstract class ChatbotDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The longest key Bot Framework state may use here.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>The longest channel or conversation id kept (Teams ids run to a few hundred characters).</summary>
    public const int MaxIdLength = 512;

    /// <summary>Bot Framework state items.</summary>
    public DbSet<StateItem> StateItems => Set<StateItem>();

    /// <summary>Transcript activities.</summary>
    public DbSet<TranscriptEntry> Transcripts => Set<TranscriptEntry>();

    /// <summary>Answers sent, with their flags and feedback.</summary>
    public DbSet<AnswerEntry> Answers => Set<AnswerEntry>();

    /// <summary>Sentences of answers that the Repair policy kept from the user.</summary>
    public DbSet<WithheldSentenceEntry> WithheldSentences => Set<WithheldSentenceEntry>();

    /// <summary>Requests for a person.</summary>
    public DbSet<HandoffEntry> Handoffs => Set<HandoffEntry>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<StateItem>(e =>
        {
            e.ToTable("state_items");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(MaxKeyLength);
            e.Property(x => x.ETag).HasMaxLength(64);
        });

        modelBuilder.Entity<TranscriptEntry>(e =>
        {
            e.ToTable("transcripts");
            e.HasKey(x => x.Id);
            e.Property(x => x.ChannelId).HasMaxLength(MaxIdLength);
            e.Property(x => x.ConversationId).HasMaxLength(MaxIdLength);
            e.Property(x => x.ActivityId).HasMaxLength(MaxIdLength);
            e.Property(x => x.Type).HasMaxLength(64);
            e.Property(x => x.FromRole).HasMaxLength(16);
            e.HasIndex(x => new { x.ChannelId, x.ConversationId, x.Timestamp });
            e.HasIndex(x => x.Timestamp);
        });

        modelBuilder.Entity<AnswerEntry>(e =>
        {
            e.ToTable("answers");
            e.HasKey(x => x.AnswerId);
            e.Property(x => x.AnswerId).HasMaxLength(64);
            e.Property(x => x.ChannelId).HasMaxLength(MaxIdLength);
            e.Property(x => x.ConversationId).HasMaxLength(MaxIdLength);
            e.Property(x => x.Backend).HasMaxLength(128);
            e.Property(x => x.FlagKinds).HasMaxLength(256);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.ChannelId, x.ConversationId });
            e.HasMany(x => x.WithheldSentences).WithOne().HasForeignKey(w => w.AnswerId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<WithheldSentenceEntry>(e =>
        {
            e.ToTable("withheld_sentences");
            e.HasKey(x => x.Id);
            e.Property(x => x.AnswerId).HasMaxLength(64);
            e.Property(x => x.Verdict).HasMaxLength(32);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.AnswerId, x.Position });
        });

        modelBuilder.Entity<HandoffEntry>(e =>
        {
            e.ToTable("handoffs");
            e.HasKey(x => x.Id);
            e.Property(x => x.ChannelId).HasMaxLength(MaxIdLength);
            e.Property(x => x.ConversationId).HasMaxLength(MaxIdLength);
            e.HasIndex(x => x.At);
        });
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Times are stored as UTC; SQLite gives them back without a kind, so say which they are.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The bot's database on SQLite (the default: one file, nothing to install).</summary>
public sealed class SqliteChatbotDbContext(DbContextOptions<SqliteChatbotDbContext> options) : ChatbotDbContext(options);

/// <summary>The bot's database on PostgreSQL (several instances sharing state).</summary>
public sealed class PostgresChatbotDbContext(DbContextOptions<PostgresChatbotDbContext> options) : ChatbotDbContext(options);
