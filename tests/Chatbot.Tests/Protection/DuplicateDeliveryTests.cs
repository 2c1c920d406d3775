using System.Net;
using Chatbot.Conversation.Bots;
using Chatbot.Testing.Postgres;
using Chatbot.Tests.Conversation;
using Chatbot.Tests.DirectLine;
using Chatbot.Tests.Fakes;
using Chatbot.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Chatbot.Tests.Protection;

/// <summary>
/// A channel that delivers an activity again (Teams retries after 15 s without an answer) gets one answer, and the
/// dialog advances once: on SQLite as users run the bot, across a restart, and across instances on PostgreSQL.
/// </summary>
public sealed class DuplicateDeliveryTests(PostgresTestDatabase postgres, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>
{
    [Fact]
    public async Task TheSameActivityTwice_IsAnsweredOnce_AndTheDialogAdvancesOnce()
    {
        using var folder = new SqliteAppFolder();
        var calls = new TurnCountingHandler.Calls();
        await using var app = Counting(folder.Settings(), calls);
        using var client = app.CreateClient();
        var activity = Activities.Message("hello", "dup-sequential", expectReplies: true);

        using var first = await client.PostAsync(activity);
        using var second = await client.PostAsync(activity);
        var next = await new BotConversation(client, "dup-sequential").SayAsync("and again");

        Assert.Equal("count 1", BotConversation.TextOf(await first.ReadRepliesAsync()));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(await second.ReadRepliesAsync()); // expectReplies: the first response carried the replies
        Assert.Equal("count 2", next);
        Assert.Equal(2, calls.Value);
        output.WriteLine("sequential: 2 deliveries of one activity, 1 answered, then a new message counted 2");
    }

    [Fact]
    public async Task TheSameActivityConcurrently_IsAnsweredOnce()
    {
        using var folder = new SqliteAppFolder();
        var calls = new TurnCountingHandler.Calls();
        await using var app = Counting(folder.Settings(), calls, TimeSpan.FromMilliseconds(300));
        using var client = app.CreateClient();
        var activity = Activities.Message("hello", "dup-concurrent", expectReplies: true);
        const int deliveries = 6; // under the conversation's rate limit of 7 a second

        var responses = await Task.WhenAll(Enumerable.Range(0, deliveries).Select(_ => Task.Run(async () =>
        {
            using var response = await client.PostAsync(activity);
            return ((int)response.StatusCode, BotConversation.TextOf(await response.ReadRepliesAsync()));
        })));

        Assert.All(responses, r => Assert.Equal(200, r.Item1));
        Assert.Equal(["count 1"], responses.Select(r => r.Item2).Where(t => t.Length > 0));
        Assert.Equal(1, calls.Value);
        Assert.Equal("count 2", await new BotConversation(client, "dup-concurrent").SayAsync("next"));
        output.WriteLine($"concurrent: {deliveries} deliveries of one activity, statuses {string.Join(",", responses.Select(r => r.Item1))}, {responses.Count(r => r.Item2.Length > 0)} answered");
    }

    [Fact]
    public async Task ARedelivery_WithoutExpectReplies_SendsTheChannelOneReply()
    {
        using var folder = new SqliteAppFolder();
        await using var connector = await FakeConnectorServer.StartAsync();
        var calls = new TurnCountingHandler.Calls();
        await using var app = Counting(folder.Settings(), calls);
        using var client = app.CreateClient();
        var activity = Activities.Message("hello", "dup-connector", serviceUrl: connector.ServiceUrl.ToString());

        using var first = await client.PostAsync(activity);
        using var second = await client.PostAsync(activity);
        await connector.WaitForRepliesAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(500); // a second reply would have come by now: the turns run inside the POST

        Assert.True(first.IsSuccessStatusCode, $"first: {(int)first.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(connector.Replies);
        Assert.Equal(1, calls.Value);
    }

    [Fact]
    public async Task ARedelivery_AfterARestart_IsNotAnswered()
    {
        using var folder = new SqliteAppFolder();
        var calls = new TurnCountingHandler.Calls();
        var activity = Activities.Message("hello", "dup-restart", expectReplies: true);
        await using (var before = Counting(folder.Settings(), calls))
        {
            using var client = before.CreateClient();
            Assert.Equal("count 1", BotConversation.TextOf(await (await client.PostAsync(activity)).ReadRepliesAsync()));
        }

        await using var after = Counting(folder.Settings(), calls);
        using var restarted = after.CreateClient();
        using var again = await restarted.PostAsync(activity);

        Assert.Empty(await again.ReadRepliesAsync());
        Assert.Equal("count 2", await new BotConversation(restarted, "dup-restart").SayAsync("next"));
        Assert.Equal(2, calls.Value);
    }

    [PostgresFact]
    public async Task TheSameActivity_DeliveredToTwoInstancesAtOnce_IsAnsweredOnce()
    {
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Postgres", ["Storage:ConnectionString"] = postgres.ConnectionString };
        var calls = new TurnCountingHandler.Calls();
        await using var instanceA = Counting(settings, calls, TimeSpan.FromMilliseconds(300));
        await using var instanceB = Counting(settings, calls, TimeSpan.FromMilliseconds(300));
        using var clientA = instanceA.CreateClient();
        using var clientB = instanceB.CreateClient();
        var activity = Activities.Message("hello", "dup-scale-out", expectReplies: true);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).PostAsync(activity);
            return BotConversation.TextOf(await response.ReadRepliesAsync());
        })));

        Assert.Equal(["count 1"], responses.Where(t => t.Length > 0));
        Assert.Equal(1, calls.Value);
        Assert.Equal("count 2", await new BotConversation(clientB, "dup-scale-out").SayAsync("next"));
        output.WriteLine("two instances on PostgreSQL: 6 deliveries of one activity, 1 answered");
    }

    [Fact]
    public async Task ADirectLineActivityPostedAgain_GetsTheSameId_AndOneAnswer()
    {
        using var folder = new SqliteAppFolder();
        var calls = new TurnCountingHandler.Calls();
        await using var app = Counting(folder.Settings(("DirectLine:Enabled", "true")), calls);
        using var http = app.CreateClient();
        var client = new DirectLineTestClient(http);
        await client.StartAsync();

        // Web Chat sends an activity again, with the same clientActivityID, when its POST failed.
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SendMessageAsync("hello", "client-activity-7")));
        await client.WaitForAsync(received => received.Any(a => DirectLineTestClient.IsBotMessage(a) && (string?)a["text"] == "count 1"), "the answer");
        var next = await client.SendMessageAsync("next", "client-activity-8");
        await client.WaitForAsync(received => received.Any(a => DirectLineTestClient.IsBotMessage(a) && (string?)a["text"] == "count 2"), "the next answer");

        Assert.Single(ids.Distinct());
        Assert.NotEqual(ids[0], next);
        var answers = client.Received.Select(r => r.Activity).Where(a => DirectLineTestClient.IsBotMessage(a) && ((string?)a["text"])!.StartsWith("count", StringComparison.Ordinal));
        Assert.Equal(["count 1", "count 2"], answers.Select(a => (string?)a["text"]));
        Assert.Single(client.Received.Select(r => r.Activity), a => (string?)a["text"] == "hello");
        Assert.Equal(2, calls.Value);
        output.WriteLine("Direct Line: 4 posts of one clientActivityID, 1 id, 1 answer");
    }

    private static ChatbotAppFactory Counting(Dictionary<string, string?> settings, TurnCountingHandler.Calls calls, TimeSpan delay = default)
        => new(settings, s => s.AddSingleton<IMessageHandler>(sp => new TurnCountingHandler(sp.GetRequiredService<ConversationState>(), calls, delay)));
}
