using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.State;
using Chatbot.Dialogs;
using Chatbot.Testing.Postgres;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace Chatbot.Storage.Tests.State;

/// <summary>
/// Bot Framework's storage contract, run against every <see cref="IStorage"/> the bot may use: Bot Framework's own
/// <see cref="MemoryStorage"/> is the reference, so each test also checks that our stores behave as it does.
/// Every test uses keys of its own, so the tests of a class may share one database.
/// </summary>
public abstract class StorageContractTests : IAsyncLifetime
{
    private readonly string _prefix = $"contract-{Guid.NewGuid():N}/";

    /// <summary>The store under test.</summary>
    protected IStorage Storage { get; private set; } = null!;

    /// <summary>Creates the store (on the class's database where there is one).</summary>
    protected abstract Task<IStorage> CreateStorageAsync();

    /// <summary>The same store as a restarted process would open it: a new object over the same data.</summary>
    protected abstract Task<IStorage> ReopenAsync();

    /// <summary>True when <paramref name="exception"/> is the store's way of refusing a stale ETag.</summary>
    protected abstract bool IsConflict(Exception exception);

    public async Task InitializeAsync() => Storage = await CreateStorageAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected string Key(string name) => _prefix + name;

    [StoreFact]
    public async Task Read_OfMissingKeys_ReturnsNothingForThem()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("present")] = new StoredNote { Text = "here" } });

        var read = await Storage.ReadAsync([Key("present"), Key("missing")]);

        Assert.Equal([Key("present")], read.Keys);
        Assert.Empty(await Storage.ReadAsync([Key("never written")]));
        Assert.Empty(await Storage.ReadAsync([]));
    }

    [StoreFact]
    public async Task WriteThenRead_RoundTripsNestedObjects_AsTheTypesWritten()
    {
        var at = new DateTime(2026, 12, 6, 9, 15, 30, DateTimeKind.Utc);
        var profile = new StoredProfile
        {
            Name = "Ada \"the\" Countess – ünïcode ✓",
            Addresses = [new StoredAddress { City = "London", Lines = ["12 St James's Square", "SW1"] }],
            Scores = new() { ["rag"] = 3, ["llm"] = -1 },
            UpdatedAt = at,
            Day = DayOfWeek.Sunday,
            Balance = 12.50m,
        };
        var bag = new Dictionary<string, object> { ["count"] = 2, ["words"] = new List<string> { "a", "b" }, ["inner"] = new Dictionary<string, object> { ["flag"] = true } };

        await Storage.WriteAsync(new Dictionary<string, object> { [Key("profile")] = profile, [Key("bag")] = bag });
        var read = await (await ReopenAsync()).ReadAsync([Key("profile"), Key("bag")]);

        var back = Assert.IsType<StoredProfile>(read[Key("profile")]);
        Assert.Equal(profile.Name, back.Name);
        Assert.Equal("London", Assert.Single(back.Addresses).City);
        Assert.Equal(["12 St James's Square", "SW1"], back.Addresses[0].Lines);
        Assert.Equal(-1, back.Scores["llm"]);
        Assert.Equal(at, back.UpdatedAt.ToUniversalTime());
        Assert.Equal(DayOfWeek.Sunday, back.Day);
        Assert.Equal(12.50m, back.Balance);
        var bagBack = Assert.IsAssignableFrom<IDictionary<string, object>>(read[Key("bag")]);
        Assert.Equal(2, Convert.ToInt32(bagBack["count"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["a", "b"], Assert.IsType<List<string>>(bagBack["words"]));
        Assert.Equal(true, Assert.IsAssignableFrom<IDictionary<string, object>>(bagBack["inner"])["flag"]);
    }

    [StoreFact]
    public async Task OurStateTypes_RoundTripThroughBotState_AfterARestart()
    {
        var stack = new DialogState(
        [
            new DialogInstance
            {
                Id = "feedback",
                State = new Dictionary<string, object>
                {
                    ["dialogs"] = new DialogState([new DialogInstance { Id = "WaterfallDialog", State = new Dictionary<string, object> { ["stepIndex"] = 1, ["values"] = new Dictionary<string, object> { ["helpful"] = true } } }]),
                },
            },
            new DialogInstance { Id = "main", State = new Dictionary<string, object> { ["stepIndex"] = 0 } },
        ]);
        var memory = new ConversationMemory
        {
            LastQuestion = "What is RAG?",
            LastSubjects = ["RAG", "fine-tuning"],
            LastAnswerJson = "{\"text\":\"Retrieval-augmented generation [1].\"}",
            LastAnswerId = "a1",
            Turns = [new MemoryTurn { Role = "user", Text = "What is RAG?" }, new MemoryTurn { Role = "assistant", Text = "It retrieves [1]." }],
            RecentAnswers = [new SentAnswer { ActivityId = "m1", AnswerId = "a1", Question = "What is RAG?", Backend = "extractive" }],
        };
        var adapter = NewAdapter();

        var before = new ConversationState(Storage);
        var user = new UserState(Storage);
        using (var turn = Turn(adapter, "save"))
        {
            await before.CreateProperty<DialogState>(nameof(DialogState)).SetAsync(turn, stack);
            await before.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).SetAsync(turn, memory);
            await user.CreateProperty<UserProfile>(nameof(UserProfile)).SetAsync(turn, new UserProfile { Level = AnswerLevel.Expert });
            await before.SaveChangesAsync(turn);
            await user.SaveChangesAsync(turn);
        }

        var restarted = await ReopenAsync();
        using var next = Turn(adapter, "load");
        var after = new ConversationState(restarted);
        var stackBack = await after.CreateProperty<DialogState>(nameof(DialogState)).GetAsync(next, () => new DialogState());
        var memoryBack = await after.CreateProperty<ConversationMemory>(nameof(ConversationMemory)).GetAsync(next, () => new ConversationMemory());
        var profileBack = await new UserState(restarted).CreateProperty<UserProfile>(nameof(UserProfile)).GetAsync(next, () => new UserProfile());

        Assert.Equal(["feedback", "main"], stackBack.DialogStack.Select(d => d.Id));
        var inner = Assert.IsType<DialogState>(stackBack.DialogStack[0].State["dialogs"]);
        Assert.Equal("WaterfallDialog", Assert.Single(inner.DialogStack).Id);
        Assert.Equal(true, Assert.IsAssignableFrom<IDictionary<string, object>>(inner.DialogStack[0].State["values"])["helpful"]);
        Assert.Equal(memory.LastQuestion, memoryBack.LastQuestion);
        Assert.Equal(memory.LastSubjects, memoryBack.LastSubjects);
        Assert.Equal(memory.LastAnswerJson, memoryBack.LastAnswerJson);
        Assert.Equal(["What is RAG?", "It retrieves [1]."], memoryBack.Turns.Select(t => t.Text));
        Assert.Equal("m1", Assert.Single(memoryBack.RecentAnswers).ActivityId);
        Assert.Equal(AnswerLevel.Expert, profileBack.Level);
    }

    [StoreFact]
    public async Task ARealDialog_AskedBeforeARestart_IsAnsweredAfterIt()
    {
        var adapter = NewAdapter();

        await new TestFlow(adapter, LevelDialogTurn(Storage))
            .Send("set my level")
            .AssertReply(reply => Assert.Contains("How should I explain things?", reply.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

        var restarted = await ReopenAsync();
        await new TestFlow(adapter, LevelDialogTurn(restarted))
            .Send("Expert")
            .AssertReply(reply => Assert.StartsWith("Got it: expert level.", reply.AsMessageActivity().Text, StringComparison.Ordinal))
            .StartTestAsync();

        using var turn = Turn(adapter, "check");
        var profile = await new UserState(await ReopenAsync()).CreateProperty<UserProfile>(nameof(UserProfile)).GetAsync(turn, () => new UserProfile());
        Assert.Equal(AnswerLevel.Expert, profile.Level);

        // Every object is built anew per turn: only what the store kept carries the dialog from one to the next.
        static BotCallbackHandler LevelDialogTurn(IStorage storage) => async (turnContext, cancellationToken) =>
        {
            var conversationState = new ConversationState(storage);
            var userState = new UserState(storage);
            await new LevelDialog(userState).RunAsync(turnContext, conversationState.CreateProperty<DialogState>(nameof(DialogState)), cancellationToken);
            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
            await userState.SaveChangesAsync(turnContext, false, cancellationToken);
        };
    }

    [StoreFact]
    public async Task Write_OfManyKeysInOneCall_StoresEachOfThem()
    {
        var changes = Enumerable.Range(0, 25).ToDictionary(i => Key($"many/{i}"), i => (object)new StoredNote { Text = $"note {i}", Version = i });

        await Storage.WriteAsync(changes);
        var read = await Storage.ReadAsync([.. changes.Keys]);

        Assert.Equal(25, read.Count);
        Assert.All(Enumerable.Range(0, 25), i => Assert.Equal($"note {i}", Assert.IsType<StoredNote>(read[Key($"many/{i}")]).Text));
    }

    [StoreFact]
    public async Task Write_GivesTheItemANewETag_EveryTime()
    {
        var note = new StoredNote { Text = "v1" };
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = note });
        var first = Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]);
        Assert.False(string.IsNullOrEmpty(first.ETag));

        var firstETag = first.ETag;

        first.Text = "v2";
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = first });
        var second = Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]);

        Assert.Equal("v2", second.Text);
        Assert.False(string.IsNullOrEmpty(second.ETag));
        Assert.NotEqual(firstETag, second.ETag);
    }

    [StoreFact]
    public async Task Write_WithAStaleETag_IsAConflict_AndChangesNothing()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = new StoredNote { Text = "original" } });
        var mine = Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]);
        var theirs = Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]);
        theirs.Text = "theirs";
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = theirs });

        mine.Text = "mine";
        var conflict = await Record.ExceptionAsync(() => Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = mine }));

        Assert.NotNull(conflict);
        Assert.True(IsConflict(conflict), $"not a conflict: {conflict}");
        Assert.Equal("theirs", Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]).Text);
    }

    [StoreFact]
    public async Task Write_WithTheStarETag_Overwrites()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = new StoredNote { Text = "original" } });
        var read = Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]);
        read.Text = "changed";
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = read });

        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = new StoredNote { Text = "forced", ETag = "*" } });

        Assert.Equal("forced", Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]).Text);
    }

    [StoreFact]
    public async Task Write_OfAnItemWithoutAnETag_Overwrites()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("profile")] = new StoredProfile { Name = "first" } });
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("bag")] = new Dictionary<string, object> { ["n"] = "first" } });

        await Storage.WriteAsync(new Dictionary<string, object> { [Key("profile")] = new StoredProfile { Name = "second" } });
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("bag")] = new Dictionary<string, object> { ["n"] = "second" } });

        var read = await Storage.ReadAsync([Key("profile"), Key("bag")]);
        Assert.Equal("second", Assert.IsType<StoredProfile>(read[Key("profile")]).Name);
        Assert.Equal("second", Assert.IsAssignableFrom<IDictionary<string, object>>(read[Key("bag")])["n"]);
    }

    [StoreFact]
    public async Task Write_OfAStoreItemThatNamesNoVersion_IsNewOnly_ItConflictsWithAStoredOne()
    {
        // An IStoreItem always says which version it replaces: none (null or empty) means the key must be new.
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = new StoredNote { Text = "original", ETag = null } });

        var nullETag = await Record.ExceptionAsync(() => Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = new StoredNote { Text = "null", ETag = null } }));
        var emptyETag = await Record.ExceptionAsync(() => Storage.WriteAsync(new Dictionary<string, object> { [Key("note")] = new StoredNote { Text = "empty", ETag = string.Empty } }));

        Assert.True(nullETag is not null && IsConflict(nullETag), $"a null ETag overwrote, or failed otherwise: {nullETag}");
        Assert.True(emptyETag is not null && IsConflict(emptyETag), $"an empty ETag overwrote, or failed otherwise: {emptyETag}");
        Assert.Equal("original", Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("note")]))[Key("note")]).Text);
    }

    [StoreFact]
    public async Task Delete_RemovesTheItems_AndMissingKeysAreFine()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("a")] = new StoredNote { Text = "a" }, [Key("b")] = new StoredNote { Text = "b" } });

        await Storage.DeleteAsync([Key("a"), Key("never written")]);
        await Storage.DeleteAsync([Key("never written either")]);

        var read = await Storage.ReadAsync([Key("a"), Key("b")]);
        Assert.Equal([Key("b")], read.Keys);
    }

    [StoreFact]
    public async Task ConcurrentWriters_WithTheSameETag_ExactlyOneWins()
    {
        await Storage.WriteAsync(new Dictionary<string, object> { [Key("contended")] = new StoredNote { Text = "start" } });
        var etag = Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("contended")]))[Key("contended")]).ETag;

        using var go = new ManualResetEventSlim();
        var writers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            go.Wait();
            try
            {
                await Storage.WriteAsync(new Dictionary<string, object> { [Key("contended")] = new StoredNote { Text = $"writer {i}", ETag = etag } });
                return (Writer: i, Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Writer: i, Error: ex);
            }
        })).ToList();
        go.Set();
        var results = await Task.WhenAll(writers);

        var winner = Assert.Single(results, r => r.Error is null);
        Assert.All(results.Where(r => r.Error is not null), r => Assert.True(IsConflict(r.Error!), $"writer {r.Writer} failed otherwise: {r.Error}"));
        Assert.Equal($"writer {winner.Writer}", Assert.IsType<StoredNote>((await Storage.ReadAsync([Key("contended")]))[Key("contended")]).Text);
    }

    [StoreFact]
    public async Task Keys_WithOddCharacters_AndTeamsLength_RoundTrip()
    {
        // Teams conversation ids run to a few hundred characters, with ':', ';', '@', '=' and '-'.
        var teams = "msteams/conversations/a:1" + string.Concat(Enumerable.Repeat("Xy7-_qZ", 40)) + "@thread.tacv2;messageid=1733470000000";
        Assert.InRange(teams.Length, 300, ChatbotDbContext.MaxKeyLength);
        string[] odd = ["it's \"quoted\" % _ \\ back\\slash", "emoji 🤖 and ünïcode", "slash/and?query=1&x=%20", "'; DROP TABLE state_items; --", " spaced ", teams];
        var changes = odd.ToDictionary(k => Key(k), k => (object)new StoredNote { Text = k });

        await Storage.WriteAsync(changes);
        var read = await Storage.ReadAsync([.. changes.Keys, Key("IT'S \"QUOTED\" % _ \\ BACK\\SLASH")]);

        Assert.Equal(odd.Length, read.Count);
        Assert.All(odd, k => Assert.Equal(k, Assert.IsType<StoredNote>(read[Key(k)]).Text));
        await Storage.DeleteAsync([.. changes.Keys]);
        Assert.Empty(await Storage.ReadAsync([.. changes.Keys]));
    }

    private TestAdapter NewAdapter() => new(TestAdapter.CreateConversation(Key("conversation")));

    private static TurnContext Turn(TestAdapter adapter, string text)
    {
        var activity = adapter.MakeActivity(text);
        activity.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        return new TurnContext(adapter, activity);
    }
}
