using Chatbot.Storage.Entities;
using Microsoft.Extensions.Options;

namespace Chatbot.Storage.Tests.Reporting;

/// <summary>A migrated database (in memory, or PostgreSQL when a test asks) and made-up rows to report on.</summary>
internal sealed class SeededDatabase : IDisposable
{
    private int _answers;

    private SeededDatabase(ChatbotDatabase database) => Database = database;

    public ChatbotDatabase Database { get; }

    public static Task<SeededDatabase> CreateAsync() => CreateAsync(new StorageOptions { Provider = StorageProvider.Memory });

    public static async Task<SeededDatabase> CreateAsync(StorageOptions options)
    {
        var database = new ChatbotDatabase(Options.Create(options));
        await database.MigrateAsync();
        return new SeededDatabase(database);
    }

    public static DateTime At(int year, int month, int day, int hour = 12, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    public AnswerEntry Answer(
        DateTime at, string conversation, string question = "What is a token?", bool covered = true, int flagged = 0, bool? helpful = null, string sources = "", string channel = "webchat",
        string[]? withheld = null, bool fellBack = false)
    {
        var id = $"answer-{++_answers}";
        return new()
        {
            AnswerId = id,
            ChannelId = channel,
            ConversationId = conversation,
            At = at,
            Question = question,
            Covered = covered,
            Sentences = 3,
            Flagged = flagged,
            FlagKinds = flagged > 0 ? "Unsupported" : string.Empty,
            Sources = sources,
            Helpful = helpful,
            FeedbackAt = helpful is null ? null : at.AddMinutes(1),
            Repaired = fellBack || withheld is { Length: > 0 },
            FellBack = fellBack,
            Withheld = withheld?.Length ?? 0,
            WithheldSentences = [.. (withheld ?? []).Select((text, i) => new WithheldSentenceEntry
            {
                AnswerId = id, At = at, Position = i, Text = text, Verdict = i % 2 == 0 ? "Unsupported" : "Contradicted", Reason = i % 2 == 0 ? "No source says this." : "Source [1] gives a different number or date.",
            })],
        };
    }

    public static HandoffEntry Handoff(DateTime at, string conversation, string? lastQuestion = null, string channel = "webchat") =>
        new() { ChannelId = channel, ConversationId = conversation, At = at, LastQuestion = lastQuestion, Delivered = true };

    public static TranscriptEntry Transcript(DateTime at, string conversation, string role, string json, string type = "message", string channel = "webchat") =>
        new() { ChannelId = channel, ConversationId = conversation, Timestamp = at, Type = type, FromRole = role, Json = json };

    public async Task AddAsync(params object[] rows)
    {
        await using var context = Database.CreateContext();
        context.AddRange(rows);
        await context.SaveChangesAsync();
    }

    public void Dispose() => Database.Dispose();
}
