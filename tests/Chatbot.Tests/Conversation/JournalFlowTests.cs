using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Journal;
using Chatbot.Storage;
using Chatbot.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Tests.Conversation;

/// <summary>What a pilot reviews later, end to end: a conversation over HTTP, then its redacted transcript and journal in the database.</summary>
public sealed class JournalFlowTests
{
    private const string Email = "jane.doe@example.com";
    private const string Phone = "+44 20 7946 0958";

    [Fact]
    public async Task AConversation_LeavesARedactedTranscript_AndItsAnswerWithTheFeedback()
    {
        await using var app = new ChatbotAppFactory();
        var user = new BotConversation(app.CreateClient(), "journal-1");

        await user.SayAsync($"hi, I'm {Email}, phone {Phone}");
        var answer = await user.SayAsync("what is RLHF?");
        await user.SayAsync("that answer was not helpful");
        var thanks = await user.SayAsync($"it did not mention InstructGPT, write to {Email}");

        Assert.Matches(@"\[\d\]", answer);
        Assert.Contains("noted your feedback", thanks, StringComparison.Ordinal);

        // The transcript is written after each turn, in the background: wait for the last message to arrive.
        var transcripts = app.Services.GetRequiredService<ITranscriptStore>();
        var activities = await WaitForTranscriptAsync(transcripts, "emulator", "journal-1", a => a.AsMessageActivity()?.Text?.StartsWith("it did not mention", StringComparison.Ordinal) == true);
        var texts = activities.Select(a => a.AsMessageActivity()?.Text).OfType<string>().ToList();
        Assert.Contains("hi, I'm [email], phone [phone]", texts);
        Assert.Contains("what is RLHF?", texts);
        Assert.Contains(texts, t => t.Contains("RLHF", StringComparison.Ordinal) && t.Contains("[1]", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(Email, StringComparison.Ordinal) || t.Contains("7946", StringComparison.Ordinal));
        Assert.Contains(activities, a => a.From?.Role == RoleTypes.Bot);
        Assert.Contains(activities, a => a.From?.Role == RoleTypes.User);

        await using var database = app.Services.GetRequiredService<ChatbotDatabase>().CreateContext();
        Assert.DoesNotContain(await database.Transcripts.Select(t => t.Json).ToListAsync(), json => json.Contains(Email, StringComparison.Ordinal));
        var row = await database.Answers.SingleAsync(a => a.ConversationId == "journal-1");
        Assert.Equal("emulator", row.ChannelId);
        Assert.Equal("what is RLHF?", row.Question);
        Assert.Equal("extractive", row.Backend);
        Assert.True(row.Covered);
        Assert.True(row.Sentences > 0);
        Assert.NotEmpty(row.Sources);
        Assert.False(row.Helpful);
        Assert.Equal("it did not mention InstructGPT, write to [email]", row.FeedbackComment);
    }

    [Fact]
    public async Task TranscriptsOff_KeepsNoTranscript_ButStillTheJournal()
    {
        await using var app = new ChatbotAppFactory(new Dictionary<string, string?> { ["Storage:Transcripts"] = "false" });
        var user = new BotConversation(app.CreateClient(), "journal-off");

        await user.SayAsync("what is RLHF?");

        Assert.Null(app.Services.GetService<ITranscriptStore>());
        await using var database = app.Services.GetRequiredService<ChatbotDatabase>().CreateContext();
        Assert.Equal(1, await database.Answers.CountAsync(a => a.ConversationId == "journal-off"));
        await Task.Delay(200); // what a transcript logger would have written after the turn
        Assert.Equal(0, await database.Transcripts.CountAsync());
    }

    [Fact]
    public async Task AJournalThatFails_NeverCostsTheUserAnAnswer_AndIsLoggedAsAWarning()
    {
        await using var app = new ChatbotAppFactory(services: s =>
        {
            s.AddSingleton<IConversationJournal, FailingJournal>();
            s.AddFakeLogging();
        });
        var user = new BotConversation(app.CreateClient(), "journal-down");

        var answer = await user.SayAsync("what is RLHF?");
        await user.SayAsync("that answer was not helpful");
        var thanks = await user.SayAsync("Skip");
        var handoff = await user.SendAsync("I want to talk to a real person");

        Assert.Matches(@"\[\d\]", answer);
        Assert.Contains("noted your feedback", thanks, StringComparison.Ordinal);
        Assert.Contains("support team", BotConversation.TextOf(handoff), StringComparison.Ordinal);
        var warnings = app.Services.GetFakeLogCollector().GetSnapshot()
            .Where(r => r.Level == LogLevel.Warning && r.Message.StartsWith("The conversation journal could not record", StringComparison.Ordinal))
            .Select(r => r.Message)
            .ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, m => m.Contains("the answer", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains("the feedback", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains("the request for a person", StringComparison.Ordinal));
    }

    private static async Task<List<IActivity>> WaitForTranscriptAsync(ITranscriptStore store, string channelId, string conversationId, Func<IActivity, bool> last)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var activities = new List<IActivity>();
            string? token = null;
            do
            {
                var page = await store.GetTranscriptActivitiesAsync(channelId, conversationId, token);
                activities.AddRange(page.Items);
                token = page.ContinuationToken;
            }
            while (token is not null);

            if (activities.Any(last) || DateTime.UtcNow > deadline)
            {
                return activities;
            }

            await Task.Delay(50);
        }
    }

    private sealed class FailingJournal : IConversationJournal
    {
        public Task RecordAnswerAsync(AnswerRecord answer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("database down");

        public Task RecordFeedbackAsync(FeedbackRecord feedback, CancellationToken cancellationToken = default) => throw new InvalidOperationException("database down");

        public Task RecordHandoffAsync(HandoffRecord handoff, CancellationToken cancellationToken = default) => throw new InvalidOperationException("database down");
    }
}
