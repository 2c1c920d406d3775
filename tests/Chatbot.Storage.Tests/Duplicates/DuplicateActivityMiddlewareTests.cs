using Chatbot.Storage.Duplicates;
using Chatbot.Storage.State;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Storage.Tests.Duplicates;

public sealed class DuplicateActivityMiddlewareTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    private ChatbotDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MemoryDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    public static TheoryData<string> Stores => ["database", "memory"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task AnActivity_RunsOnce_AndItsRepeat_EndsTheTurnWithoutAReply(string store)
    {
        var (adapter, turns) = Adapter(Storage(store));

        await adapter.RunAsync(Message("a-1"), turns.RunAsync);
        await adapter.RunAsync(Message("a-1"), turns.RunAsync);
        await adapter.RunAsync(Message("a-2"), turns.RunAsync);
        await adapter.RunAsync(Message("a-1", conversation: "other"), turns.RunAsync);

        Assert.Equal(["a-1", "a-2", "a-1"], turns.Ids);
        Assert.Equal(3, adapter.Sent.Count); // one reply per activity that ran
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ConcurrentDeliveries_RunOnce(string store)
    {
        var storage = Storage(store);
        var turns = new Turns();
        var middleware = new DuplicateActivityMiddleware(storage, _time, NullLogger<DuplicateActivityMiddleware>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            var (adapter, _) = Adapter(storage, middleware, turns);
            await adapter.RunAsync(Message("same"), turns.RunAsync);
        })));

        Assert.Equal(["same"], turns.Ids);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task ARepeat_AfterTheWindow_RunsAgain(string store)
    {
        var (adapter, turns) = Adapter(Storage(store));

        await adapter.RunAsync(Message("late"), turns.RunAsync);
        _time.Advance(DuplicateActivityMiddleware.Window - TimeSpan.FromSeconds(1));
        await adapter.RunAsync(Message("late"), turns.RunAsync);
        _time.Advance(TimeSpan.FromSeconds(2));
        await adapter.RunAsync(Message("late"), turns.RunAsync);

        Assert.Equal(["late", "late"], turns.Ids);
    }

    [Fact]
    public async Task ARepeatedInvoke_IsAnswered200_WithoutRunningTheBot()
    {
        var (adapter, turns) = Adapter(Storage("database"));
        var invoke = Message("inv-1");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "message/submitAction";

        await adapter.RunAsync(invoke, turns.RunAsync);
        await adapter.RunAsync(invoke, turns.RunAsync);

        Assert.Equal(["inv-1"], turns.Ids);
        // Both deliveries are answered 200: the first by the bot, the repeat by the middleware.
        var responses = adapter.Sent.Where(a => a.Type == ActivityTypesEx.InvokeResponse).Select(a => ((InvokeResponse)a.Value).Status);
        Assert.Equal([200, 200], responses);
    }

    [Fact]
    public async Task AnActivityWithoutAnId_AlwaysRuns()
    {
        var (adapter, turns) = Adapter(Storage("database"));

        await adapter.RunAsync(Message(null), turns.RunAsync);
        await adapter.RunAsync(Message(null), turns.RunAsync);

        Assert.Equal(2, turns.Ids.Count);
    }

    [Fact]
    public void Keys_AreFixedLength_AndHoldNoIds()
    {
        var key = DuplicateActivityMiddleware.KeyOf(Message("a:b@c;" + new string('x', 2000)))!;

        Assert.StartsWith(DuplicateActivityMiddleware.KeyPrefix, key, StringComparison.Ordinal);
        Assert.Equal(DuplicateActivityMiddleware.KeyPrefix.Length + 64, key.Length);
        Assert.NotEqual(key, DuplicateActivityMiddleware.KeyOf(Message("a:b@c;" + new string('x', 2000), conversation: "other")));
    }

    private IStorage Storage(string store) => store == "memory" ? new MemoryStorage() : new DatabaseStorage(_database, NullLogger<DatabaseStorage>.Instance);

    private (RecordingAdapter Adapter, Turns Turns) Adapter(IStorage storage, DuplicateActivityMiddleware? middleware = null, Turns? turns = null)
    {
        var adapter = new RecordingAdapter();
        adapter.Use(middleware ?? new DuplicateActivityMiddleware(storage, _time, NullLogger<DuplicateActivityMiddleware>.Instance));
        return (adapter, turns ?? new Turns());
    }

    private static Activity Message(string? id, string conversation = "conv-1") => new()
    {
        Type = ActivityTypes.Message,
        Id = id,
        ChannelId = "msteams",
        Text = "hello",
        Conversation = new ConversationAccount(id: conversation),
        From = new ChannelAccount("user-1"),
        Recipient = new ChannelAccount("bot"),
        ServiceUrl = "https://smba.example/",
    };

    /// <summary>Runs turns on the activities as given (Bot Framework's TestAdapter renumbers their ids) and keeps what they send.</summary>
    private sealed class RecordingAdapter : BotAdapter
    {
        private readonly List<Activity> _sent = [];

        public IReadOnlyList<Activity> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public async Task RunAsync(Activity activity, BotCallbackHandler callback)
        {
            using var context = new TurnContext(this, activity);
            await RunPipelineAsync(context, callback, CancellationToken.None);
        }

        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
        {
            lock (_sent)
            {
                _sent.AddRange(activities);
            }

            return Task.FromResult(activities.Select(_ => new ResourceResponse(Guid.NewGuid().ToString("N"))).ToArray());
        }

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
            => throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
            => throw new NotSupportedException();
    }

    private sealed class Turns
    {
        private readonly List<string> _ids = [];

        public IReadOnlyList<string> Ids
        {
            get
            {
                lock (_ids)
                {
                    return [.. _ids];
                }
            }
        }

        public async Task RunAsync(ITurnContext turn, CancellationToken cancellationToken)
        {
            lock (_ids)
            {
                _ids.Add(turn.Activity.Id ?? "(none)");
            }

            if (turn.Activity.Type == ActivityTypes.Invoke)
            {
                await turn.SendActivityAsync(new Activity(ActivityTypesEx.InvokeResponse) { Value = new InvokeResponse { Status = 200 } }, cancellationToken);
            }
            else
            {
                await turn.SendActivityAsync("ok", cancellationToken: cancellationToken);
            }
        }
    }
}
