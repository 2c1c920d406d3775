using Chatbot.Storage.Reporting;
using static Chatbot.Storage.Tests.Reporting.SeededDatabase;

namespace Chatbot.Storage.Tests.Reporting;

public sealed class ConversationTranscriptReaderTests
{
    private const string TeamsConversation = "a:1Xq-9z|Teams;messageid=1733@thread.v2/x";

    [Fact]
    public async Task ReadAsync_GivesTheActivitiesInOrder_WithRoleTimeTextAndAnswerIds_WithoutTypingIndicators()
    {
        using var db = await SeededDatabase.CreateAsync();
        await db.AddAsync(
            Transcript(At(2026, 11, 3, 10, 0), TeamsConversation, "user", """{"type":"message","text":"What is a token?","from":{"id":"u","role":"user"}}""", channel: "msteams"),
            Transcript(At(2026, 11, 3, 10, 0), TeamsConversation, "bot", """{"type":"typing"}""", type: "typing", channel: "msteams"),
            Transcript(At(2026, 11, 3, 10, 1), TeamsConversation, "bot", """{"type":"message","text":"A token is a piece of a word. [1]","entities":[{"type":"https://schema.org/Message","potentialAction":[{"@type":"LikeAction","answerId":"a-42"}]}]}""", channel: "msteams"),
            Transcript(At(2026, 11, 3, 10, 2), TeamsConversation, "bot", """{"type":"message","text":"Here is more.","channelData":{"answerId":"a-43"}}""", channel: "msteams"),
            Transcript(At(2026, 11, 3, 10, 3), TeamsConversation, null!, """{"type":"event","name":"handoff.initiate","from":{"role":"bot"}}""", type: "event", channel: "msteams"),
            Transcript(At(2026, 11, 3, 10, 4), "another", "user", """{"type":"message","text":"other"}"""));

        var transcript = await new ConversationTranscriptReader(db.Database).ReadAsync(TeamsConversation);

        Assert.NotNull(transcript);
        Assert.Equal(TeamsConversation, transcript.ConversationId);
        Assert.Equal("msteams", transcript.ChannelId);
        Assert.Equal(
            [
                new TranscriptActivity { Role = "user", At = At(2026, 11, 3, 10, 0), Type = "message", Text = "What is a token?" },
                new TranscriptActivity { Role = "bot", At = At(2026, 11, 3, 10, 1), Type = "message", Text = "A token is a piece of a word. [1]", AnswerId = "a-42" },
                new TranscriptActivity { Role = "bot", At = At(2026, 11, 3, 10, 2), Type = "message", Text = "Here is more.", AnswerId = "a-43" },
                new TranscriptActivity { Role = "bot", At = At(2026, 11, 3, 10, 3), Type = "event", Text = "handoff.initiate" },
            ],
            transcript.Activities);
    }

    [Fact]
    public async Task ReadAsync_ForAConversationWithNothingLogged_IsNull()
    {
        using var db = await SeededDatabase.CreateAsync();
        await db.AddAsync(Transcript(At(2026, 11, 3), "known", "user", "{}"));

        Assert.Null(await new ConversationTranscriptReader(db.Database).ReadAsync("unknown"));
        Assert.Null(await new ConversationTranscriptReader(db.Database).ReadAsync("known", channelId: "msteams"));
    }

    [Fact]
    public async Task ReadAsync_ARowThatIsNotJson_StillShowsWhoAndWhen()
    {
        using var db = await SeededDatabase.CreateAsync();
        await db.AddAsync(Transcript(At(2026, 11, 3), "c", "user", "not json"));

        var transcript = await new ConversationTranscriptReader(db.Database).ReadAsync("c");

        var activity = Assert.Single(transcript!.Activities);
        Assert.Equal("user", activity.Role);
        Assert.Null(activity.Text);
    }
}
