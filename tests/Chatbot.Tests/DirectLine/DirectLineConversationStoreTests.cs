using System.Text.Json.Nodes;
using Chatbot.DirectLine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Tests.DirectLine;

public sealed class DirectLineConversationStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TheLog_KeepsOnlyTheNewestActivities_AndItsWatermarkKeepsGrowing()
    {
        var conversation = Store(new DirectLineOptions { MaxActivitiesPerConversation = 1000 }).Create(null, null, false, null);

        for (var i = 1; i <= 1050; i++)
        {
            conversation.Append((Activity)MessageFactory.Text($"m{i}"));
        }

        var all = conversation.Read(null);
        Assert.Equal(1000, all.Activities.Count);
        Assert.Equal("m51", Text(all.Activities[0]));
        Assert.Equal("m1050", Text(all.Activities[^1]));
        Assert.Equal(1050, all.Watermark);

        var recent = conversation.Read(1040);
        Assert.Equal(Enumerable.Range(1041, 10).Select(i => $"m{i}"), recent.Activities.Select(Text));
        Assert.Empty(conversation.Read(1050).Activities);
        Assert.Equal(1050, conversation.Read(1050).Watermark);
    }

    [Fact]
    public void Replace_KeepsTheId_AndMovesTheActivityToTheNextWatermark()
    {
        var conversation = Store(new DirectLineOptions()).Create(null, null, false, null);
        var id = conversation.Append((Activity)MessageFactory.Text("draft"));
        conversation.Append((Activity)MessageFactory.Text("after"));

        var update = (Activity)MessageFactory.Text("final");
        update.Id = id;
        Assert.True(conversation.Replace(update));

        var page = conversation.Read(null);
        Assert.Equal(["after", "final"], page.Activities.Select(Text));
        Assert.Equal(id, (string?)JsonNode.Parse(page.Activities[1])!["id"]);
        Assert.Equal(3, page.Watermark);
        Assert.Equal(["final"], conversation.Read(2).Activities.Select(Text));
    }

    [Fact]
    public void IdleConversations_AreForgotten_AndAFullStoreDropsTheIdlest()
    {
        var store = Store(new DirectLineOptions { ConversationIdleTimeout = TimeSpan.FromMinutes(10), MaxConversations = 2 });
        var first = store.Create(null, null, false, null);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = store.Create(null, null, false, null);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(store.Find(first.Id)); // first is now the most recently used

        var third = store.Create(null, null, false, null);

        Assert.Equal(2, store.Count);
        Assert.Null(store.Find(second.Id));
        Assert.NotNull(store.Find(first.Id));
        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Null(store.Find(third.Id));
        Assert.Null(store.Find(first.Id));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void AConversation_GetsAUserOfItsOwn_UnlessOneIsGiven()
    {
        var store = Store(new DirectLineOptions());

        var anonymous = store.Create(null, null, userIsFixed: true, null);
        var named = store.Create("dl_alice", "Alice", userIsFixed: true, "fr-FR");

        Assert.StartsWith("dl_", anonymous.User.Id, StringComparison.Ordinal);
        Assert.False(anonymous.UserIsFixed, "a made-up user is not fixed: Web Chat speaks as its own");
        Assert.Equal("dl_alice", named.User.Id);
        Assert.True(named.UserIsFixed);
        Assert.Equal("fr-FR", named.Locale);
        Assert.NotEqual(anonymous.Id, named.Id);
    }

    private DirectLineConversationStore Store(DirectLineOptions options)
        => new(Options.Create(options), _clock, NullLogger<DirectLineConversationStore>.Instance);

    private static string? Text(string json) => (string?)JsonNode.Parse(json)!["text"];
}
