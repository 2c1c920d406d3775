using System.Net;
using System.Text.Json.Nodes;
using Chatbot.Conversation.Bots;
using Chatbot.Testing.Postgres;
using Chatbot.Tests.Conversation;
using Chatbot.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Chatbot.Tests.Storage;

/// <summary>
/// Several instances of the app on one PostgreSQL database, as behind a load balancer: a conversation may move
/// between them, concurrent turns lose nothing, and a database outage costs the turns it hits, not the app.
/// </summary>
public sealed class ScaleOutTests(PostgresTestDatabase database, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>
{
    private Dictionary<string, string?> OnPostgres(string? connectionString = null) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["Storage:ConnectionString"] = connectionString ?? database.ConnectionString,
    };

    [PostgresFact]
    public async Task AConversation_WhoseTurnsAlternateBetweenTwoInstances_KeepsItsDialog()
    {
        // The first start may build the shared knowledge index; the second only loads it.
        await using var instanceA = new ChatbotAppFactory(OnPostgres());
        var clientA = instanceA.CreateClient();
        await using var instanceB = new ChatbotAppFactory(OnPostgres());
        var clientB = instanceB.CreateClient();
        var onA = new BotConversation(clientA, "scale-out-level", "alice");
        var onB = new BotConversation(clientB, "scale-out-level", "alice");

        var asked = await onA.SendAsync("change how you explain");
        var retry = await onB.SayAsync("purple");
        var set = await onA.SayAsync("Expert");
        var next = await onB.SayAsync("what is tokenization?");

        Assert.Equal(["Beginner", "Standard", "Expert"], BotConversation.ActionsOf(asked));
        Assert.Contains("Please choose", retry, StringComparison.Ordinal);           // B continued the prompt A asked
        Assert.Contains("expert level", set, StringComparison.Ordinal);              // A saw B's retry and took the answer
        Assert.Matches(@"\[\d\]", next);                                              // the dialog is over on B too

        // User state travels too: a level set on B shapes A's answers in another conversation.
        var beginner = await new BotConversation(clientB, "scale-out-level-2", "alice").SayAsync("explain like I'm five");
        var laterOnA = await new BotConversation(clientA, "scale-out-level-3", "alice").SayAsync("what is tokenization?");
        Assert.Contains("beginner level", beginner, StringComparison.Ordinal);
        var sentences = System.Text.RegularExpressions.Regex.Count(laterOnA.Split("**Sources**")[0], @"[.?!](?:\s*\[[\d, ]+\])?(?:\s|$)");
        Assert.True(sentences <= 2, $"a beginner answer has at most 2 sentences: {laterOnA}");
    }

    [PostgresFact]
    public async Task FiftyConcurrentTurns_OnOneConversation_AcrossTwoInstances_LoseNoUpdate()
    {
        // 50 at once is far over a conversation's rate limit (7 a second), which would turn most away with 429:
        // this is about state under contention, so the limit is off.
        var settings = OnPostgres();
        settings["Protection:MessagesPerSecondPerConversation"] = "0";
        await using var instanceA = new ChatbotAppFactory(settings, s => s.AddSingleton<IMessageHandler>(sp => new CountingMessageHandler(sp.GetRequiredService<ConversationState>())));
        var clientA = instanceA.CreateClient();
        await using var instanceB = new ChatbotAppFactory(settings, s => s.AddSingleton<IMessageHandler>(sp => new CountingMessageHandler(sp.GetRequiredService<ConversationState>())));
        var clientB = instanceB.CreateClient();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var turns = Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            using var response = await (i % 2 == 0 ? clientA : clientB).PostAsync(Activities.Message($"turn {i}", "scale-out-counter", expectReplies: true));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return BotConversation.TextOf(await response.ReadRepliesAsync());
        })).ToList();
        var replies = await Task.WhenAll(turns);
        output.WriteLine($"50 concurrent turns on one conversation, two instances: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s");

        // Each turn saw the count the one before it saved: 1 to 50, each once.
        var counts = replies.Select(r => Assert.Single(System.Text.RegularExpressions.Regex.Matches(r, @"count (\d+)")).Groups[1].Value).Select(int.Parse).Order();
        Assert.Equal(Enumerable.Range(1, 50), counts);
        var after = await new BotConversation(clientA, "scale-out-counter").SayAsync("one more");
        Assert.Equal("count 51", after);
    }

    [PostgresFact]
    public async Task ATurnDuringADatabaseOutage_GetsAnApology_AndTheNextTurnAfterItWorks()
    {
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new LoopbackTcpProxy(server.Host!, server.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var app = new ChatbotAppFactory(OnPostgres(throughProxy), s => s.AddSingleton<IMessageHandler>(sp => new CountingMessageHandler(sp.GetRequiredService<ConversationState>())));
        var client = app.CreateClient();
        var user = new BotConversation(client, "scale-out-outage");

        var before = await user.SayAsync("first");
        proxy.Cut();
        using var during = await client.PostAsync(Activities.Message("during", "scale-out-outage", expectReplies: true));
        var duringText = BotConversation.TextOf(await during.ReadRepliesAsync());
        using var healthDuring = await client.GetAsync("/healthz");
        proxy.Restore();
        var after = await user.SayAsync("after");
        using var healthAfter = await client.GetAsync("/healthz");

        Assert.Equal("count 1", before);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Contains("Sorry, something went wrong", duringText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthDuring.StatusCode);
        Assert.Equal("count 2", after); // the failed turn saved nothing; the state before the outage is intact
        Assert.Equal(HttpStatusCode.OK, healthAfter.StatusCode);
        var health = JsonNode.Parse(await healthAfter.Content.ReadAsStringAsync())!;
        Assert.Equal("postgres", (string?)health["checks"]!["storage"]!["data"]!["provider"]);
    }

    /// <summary>Counts the conversation's turns in its state; a pause between reading and saving invites lost updates.</summary>
    private sealed class CountingMessageHandler(ConversationState conversationState) : IMessageHandler
    {
        private readonly IStatePropertyAccessor<int> _count = conversationState.CreateProperty<int>("Count");

        public async Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
        {
            var count = await _count.GetAsync(turnContext, () => 0, cancellationToken) + 1;
            await Task.Delay(10, cancellationToken);
            await _count.SetAsync(turnContext, count, cancellationToken);
            await turnContext.SendActivityAsync($"count {count}", cancellationToken: cancellationToken);
        }
    }
}
