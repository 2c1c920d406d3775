using Chatbot.Storage.Entities;
using Chatbot.Storage.State;
using Chatbot.Testing.Postgres;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace Chatbot.Storage.Tests.State;

/// <summary>
/// The contract on <see cref="DatabaseStorage"/>, plus what it adds to it: conversation state (a dictionary to Bot
/// Framework) is written conditionally on its ETag, and stored type names are limited to state types.
/// </summary>
public abstract class DatabaseStorageContractTests : StorageContractTests
{
    private readonly List<ChatbotDatabase> _databases = [];

    /// <summary>The options of the database under test.</summary>
    protected abstract StorageOptions DatabaseOptions { get; }

    protected override async Task<IStorage> CreateStorageAsync()
    {
        var database = Open();
        await database.MigrateAsync();
        return new DatabaseStorage(database, NullLogger<DatabaseStorage>.Instance);
    }

    protected override Task<IStorage> ReopenAsync() => Task.FromResult<IStorage>(new DatabaseStorage(Open(), NullLogger<DatabaseStorage>.Instance));

    protected override bool IsConflict(Exception exception) => exception is StateConflictException;

    public override Task DisposeAsync()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        return Task.CompletedTask;
    }

    [StoreFact]
    public async Task ConversationState_SavedOverANewerSave_IsAConflict_AndKeepsTheNewerOne()
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation(Key("conversation")));
        using (var first = Turn(adapter))
        {
            var state = new ConversationState(Storage);
            await state.CreateProperty<int>("Counter").SetAsync(first, 1);
            await state.SaveChangesAsync(first);
        }

        // Two instances load the conversation at the same time; both count a turn.
        using var turnA = Turn(adapter);
        using var turnB = Turn(adapter);
        var stateA = new ConversationState(await ReopenAsync());
        var stateB = new ConversationState(await ReopenAsync());
        var counterA = stateA.CreateProperty<int>("Counter");
        var counterB = stateB.CreateProperty<int>("Counter");
        await counterA.SetAsync(turnA, await counterA.GetAsync(turnA) + 1);
        await counterB.SetAsync(turnB, await counterB.GetAsync(turnB) + 1);

        await stateA.SaveChangesAsync(turnA);
        await Assert.ThrowsAsync<StateConflictException>(() => stateB.SaveChangesAsync(turnB));

        // A saves again in its turn (as the bot does after the failure tracker): its own new ETag is current.
        await counterA.SetAsync(turnA, 10);
        await stateA.SaveChangesAsync(turnA);
        using var check = Turn(adapter);
        Assert.Equal(10, await new ConversationState(Storage).CreateProperty<int>("Counter").GetAsync(check));
    }

    [StoreFact]
    public async Task AStoredTypeName_OutsideStateTypes_IsRefused_NotInstantiated()
    {
        var marker = Path.Combine(Path.GetTempPath(), $"chatbot-binder-{Guid.NewGuid():N}");
        await using (var context = Open().CreateContext())
        {
            // What someone with write access to the table could store: a type with side effects when made.
            context.StateItems.Add(new StateItem
            {
                Key = Key("hostile"),
                ETag = "e1",
                UpdatedAt = DateTime.UtcNow,
                Json = $$"""{"$type":"System.IO.FileInfo, System.Private.CoreLib","fileName":"{{marker.Replace("\\", "\\\\", StringComparison.Ordinal)}}"}""",
            });
            context.StateItems.Add(new StateItem
            {
                Key = Key("hostile list"),
                ETag = "e2",
                UpdatedAt = DateTime.UtcNow,
                Json = """{"$type":"System.Collections.Generic.List`1[[System.Diagnostics.Process, System.Diagnostics.Process]], System.Private.CoreLib","$values":[]}""",
            });
            await context.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAsync<JsonSerializationException>(() => Storage.ReadAsync([Key("hostile")]));
        Assert.Contains("FileInfo", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<JsonSerializationException>(() => Storage.ReadAsync([Key("hostile list")]));
    }

    private ChatbotDatabase Open()
    {
        var database = new ChatbotDatabase(Options.Create(DatabaseOptions));
        _databases.Add(database);
        return database;
    }

    private static TurnContext Turn(TestAdapter adapter)
    {
        var activity = adapter.MakeActivity("turn");
        activity.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        return new TurnContext(adapter, activity);
    }
}
