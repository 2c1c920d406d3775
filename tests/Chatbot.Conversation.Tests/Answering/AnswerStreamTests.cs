using Chatbot.AI.Answers;
using Chatbot.AI.Responding;
using Chatbot.Conversation.Answering;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Chatbot.Conversation.Tests.Answering;

public sealed class AnswerStreamTests
{
    private static readonly Answer s_answer = new("Zorblats hum. [1] They glow. [1]", [], [new Citation(1, "Zorblats", "https://example.com/z", "Zorblats hum.")], "ollama:test");

    [Fact]
    public async Task TeamsPersonalChat_GetsAnInformativeUpdate_StreamingUpdatesASecondApart_ThenTheFinalMessage()
    {
        var clock = new ManualClock();
        var adapter = new RecordingAdapter();
        var context = Context(adapter, Channels.Msteams, "personal");

        var (answer, sent) = await new AnswerStream(clock).SendAsync(
            context,
            Updates(clock, ("Zorblats ", 0.2), ("hum. [1] ", 1.0), ("They ", 0.3), ("glow. [1]", 0.9)),
            a => MessageFactory.Text(a.Text),
            CancellationToken.None);

        Assert.Same(s_answer, answer);
        Assert.Equal("activity-4", sent?.Id);
        var (first, updates, final) = (adapter.Sent[0], adapter.Sent.Skip(1).Take(adapter.Sent.Count - 2).ToList(), adapter.Sent[^1]);
        Assert.Equal(ActivityTypes.Typing, first.Type);
        Assert.Equal(AnswerStream.SearchingText, first.Text);
        Assert.Equal(("informative", 1, (string?)null), Info(first));

        // Deltas that arrive within a second of the last update are shown together, with the whole text so far.
        Assert.Equal(["Zorblats hum. [1] ", "Zorblats hum. [1] They glow. [1]"], updates.Select(u => u.Text));
        Assert.Equal([("streaming", 2, "activity-1"), ("streaming", 3, "activity-1")], updates.Select(Info));

        Assert.Equal(ActivityTypes.Message, final.Type);
        Assert.Equal(("final", (int?)null, "activity-1"), Info(final));

        // Web Chat reads the same fields from channelData.
        Assert.Equal([2, 3], updates.Select(u => (int)((JObject)u.ChannelData)["streamSequence"]!));
        Assert.All(updates, u => Assert.Equal("activity-1", (string?)((JObject)u.ChannelData)["streamId"]));
        Assert.Equal("final", (string?)((JObject)final.ChannelData)["streamType"]);
    }

    [Fact]
    public async Task TeamsPersonalChat_UnderRepair_SeesOnlyTheInformativeUpdate_ThenTheCheckedAnswer()
    {
        // Grounding:Policy=Repair: the responder yields no text while the model writes, only the completed answer.
        var clock = new ManualClock();
        var adapter = new RecordingAdapter();

        await new AnswerStream(clock).SendAsync(
            Context(adapter, Channels.Msteams, "personal"), Updates(clock), a => MessageFactory.Text(a.Text), CancellationToken.None);

        Assert.Equal([("informative", 1, (string?)null), ("final", (int?)null, "activity-1")], adapter.Sent.Select(Info));
        Assert.Equal([AnswerStream.SearchingText, s_answer.Text], adapter.Sent.Select(a => a.Text));
    }

    [Theory]
    [InlineData(Channels.Emulator, null)]
    [InlineData(Channels.Msteams, "groupChat")]
    [InlineData(Channels.Msteams, "channel")]
    public async Task ElsewhereOrInTeamsGroups_ATypingIndicatorThenOneMessage(string channel, string? conversationType)
    {
        var clock = new ManualClock();
        var adapter = new RecordingAdapter();

        await new AnswerStream(clock).SendAsync(
            Context(adapter, channel, conversationType), Updates(clock, ("Zorblats hum. [1] ", 2), ("They glow. [1]", 2)), a => MessageFactory.Text(a.Text), CancellationToken.None);

        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Message], adapter.Sent.Select(a => a.Type));
        Assert.All(adapter.Sent, a => Assert.DoesNotContain(a.Entities ?? [], e => e.Type == "streaminfo"));
    }

    [Fact]
    public async Task AStreamTheChannelRefuses_StillEndsWithTheWholeAnswer()
    {
        var clock = new ManualClock();
        var adapter = new RecordingAdapter { RefuseTyping = true };

        var (_, sent) = await new AnswerStream(clock).SendAsync(
            Context(adapter, Channels.Msteams, "personal"), Updates(clock, ("Zorblats hum. [1] ", 2), ("They glow. [1]", 2)), a => MessageFactory.Text(a.Text), CancellationToken.None);

        var final = Assert.Single(adapter.Sent);
        Assert.Equal(ActivityTypes.Message, final.Type);
        Assert.DoesNotContain(final.Entities ?? [], e => e.Type == "streaminfo");
        Assert.NotNull(sent);
    }

    [Fact]
    public async Task AfterTheLongestStream_UpdatesStop_AndTheFinalMessageCarriesTheRest()
    {
        var clock = new ManualClock();
        var adapter = new RecordingAdapter();

        await new AnswerStream(clock, maxDuration: TimeSpan.FromSeconds(3)).SendAsync(
            Context(adapter, Channels.Msteams, "personal"), Updates(clock, ("a ", 1.5), ("b ", 1.5), ("c ", 1.5), ("d", 1.5)), a => MessageFactory.Text(a.Text), CancellationToken.None);

        Assert.Equal(["a ", "a b "], adapter.Sent.Where(a => Info(a).Type == "streaming").Select(a => a.Text));
        Assert.Equal("final", Info(adapter.Sent[^1]).Type);
    }

    private static (string? Type, int? Sequence, string? StreamId) Info(Activity activity)
    {
        var info = activity.Entities?.FirstOrDefault(e => e.Type == "streaminfo");
        return info is null
            ? (null, null, null)
            : ((string?)info.Properties["streamType"], (int?)info.Properties["streamSequence"], (string?)info.Properties["streamId"]);
    }

    /// <summary>The responder's stream: each delta after the clock moved on by its seconds, then the answer.</summary>
    private static async IAsyncEnumerable<ResponderUpdate> Updates(ManualClock clock, params (string Text, double Seconds)[] deltas)
    {
        foreach (var (text, seconds) in deltas)
        {
            await Task.Yield();
            clock.Advance(TimeSpan.FromSeconds(seconds));
            yield return new ResponderUpdate(ResponderUpdateKind.Text, text);
        }

        yield return new ResponderUpdate(ResponderUpdateKind.Completed, s_answer.Text) { Answer = s_answer };
    }

    private static TurnContext Context(BotAdapter adapter, string channel, string? conversationType) => new(adapter, new Activity
    {
        Type = ActivityTypes.Message,
        ChannelId = channel,
        Text = "what do zorblats do?",
        From = new ChannelAccount("user"),
        Recipient = new ChannelAccount("bot"),
        Conversation = new ConversationAccount(conversationType: conversationType, id: "conversation"),
        ServiceUrl = "https://channel.example",
    });

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    /// <summary>A channel that numbers what it is sent, as Teams gives each activity an id.</summary>
    private sealed class RecordingAdapter : BotAdapter
    {
        public List<Activity> Sent { get; } = [];

        public bool RefuseTyping { get; init; }

        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
        {
            if (RefuseTyping && activities.Any(a => a.Type == ActivityTypes.Typing))
            {
                throw new InvalidOperationException("403 ContentStreamNotAllowed");
            }

            var responses = new List<ResourceResponse>();
            foreach (var activity in activities)
            {
                Sent.Add(activity);
                responses.Add(new ResourceResponse($"activity-{Sent.Count}"));
            }

            return Task.FromResult(responses.ToArray());
        }

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) => throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
