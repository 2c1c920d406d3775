using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Chatbot.Dialogs.Tests;

/// <summary>
/// The dialog stack survives process restarts: between turns, the only thing kept is the storage's JSON.
/// </summary>
public sealed class DialogStatePersistenceTests
{
    [Fact]
    public async Task PromptAskedBeforeARestart_IsAnsweredAfterIt_WithBrandNewStateDialogSetAndDialogs()
    {
        var persisted = new Dictionary<string, JObject>();
        var adapter = new TestAdapter();

        // Turn 1: the prompt is asked and the stack saved.
        await new TestFlow(adapter, TurnHandler(new MemoryStorage(persisted)))
            .Send("hi").AssertReply("What is your name?")
            .StartTestAsync();

        // "Restart": a new MemoryStorage over the stored JSON text, and every other object built anew.
        var reloaded = new MemoryStorage(ThroughJsonText(persisted));
        await new TestFlow(adapter, TurnHandler(reloaded))
            .Send("Ada").AssertReply("Hello Ada!")
            .StartTestAsync();

        static BotCallbackHandler TurnHandler(IStorage storage) => async (turnContext, cancellationToken) =>
        {
            var conversationState = new ConversationState(storage);
            var dialogs = new DialogSet(conversationState.CreateProperty<DialogState>(nameof(DialogState)));
            dialogs.Add(new TextPrompt("name"));
            dialogs.Add(new WaterfallDialog("greet",
            [
                (step, ct) => step.PromptAsync("name", TestDialogs.Ask("What is your name?"), ct),
                async (step, ct) =>
                {
                    await step.Context.SendActivityAsync($"Hello {step.Result}!", cancellationToken: ct);
                    return await step.EndDialogAsync(null, ct);
                },
            ]));

            var dc = await dialogs.CreateContextAsync(turnContext, cancellationToken);
            var result = await dc.ContinueDialogAsync(cancellationToken);
            if (result.Status == DialogTurnStatus.Empty)
            {
                await dc.BeginDialogAsync("greet", null, cancellationToken);
            }

            await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        };
    }

    [Theory]
    [InlineData(TypeNameHandling.All)]
    [InlineData(TypeNameHandling.None)]
    public async Task NestedComponentsPromptsAndWaterfallValues_SurviveARestartBeforeEveryTurn(TypeNameHandling typeNames)
    {
        var persisted = new Dictionary<string, JObject>();
        var bot = new DialogTestBot(() => TestDialogs.RootWithProfile());
        var adapter = new TestAdapter();

        async Task TurnAfterRestartAsync(string input, string expectedReply)
        {
            // JSON text is all that crosses the restart; a storage without type names gives back JObjects and longs.
            bot.Storage = new MemoryStorage(new JsonSerializer { TypeNameHandling = typeNames }, ThroughJsonText(persisted));
            await bot.Flow(adapter).Send(input).AssertReply(expectedReply).StartTestAsync();
        }

        await TurnAfterRestartAsync("hi", "What is your name?");
        await TurnAfterRestartAsync("Ada", "Pick a colour.");
        await TurnAfterRestartAsync("banana", "Pick a colour.");
        await TurnAfterRestartAsync("3", "Ada likes Blue?");
        await TurnAfterRestartAsync("yes", "Saved Ada/Blue.");

        Assert.Equal("Ada/Blue", bot.LastResult.Result);
    }

    [Theory]
    [InlineData(TypeNameHandling.All)]
    [InlineData(TypeNameHandling.None)]
    public async Task AttemptCount_SurvivesRestarts(TypeNameHandling typeNames)
    {
        var persisted = new Dictionary<string, JObject>();
        var bot = new DialogTestBot(() => TestDialogs.AskAndReport(
            new TextPrompt("text", (context, ct) => Task.FromResult(context.Recognized.Value == "ok")),
            TestDialogs.Ask("Say ok.")));
        var adapter = new TestAdapter();

        async Task TurnAfterRestartAsync(string input, string expectedReply)
        {
            bot.Storage = new MemoryStorage(new JsonSerializer { TypeNameHandling = typeNames }, ThroughJsonText(persisted));
            await bot.Flow(adapter).Send(input).AssertReply(expectedReply).StartTestAsync();
        }

        await TurnAfterRestartAsync("hi", "Say ok.");
        await TurnAfterRestartAsync("a", "Say ok.");
        await TurnAfterRestartAsync("b", "Say ok.");
        await TurnAfterRestartAsync("c", "Result: (none)");
    }

    /// <summary>
    /// Replaces every stored object with one parsed from its JSON text, so nothing but text is shared,
    /// and returns the same dictionary so later writes land where the next "process" reads.
    /// </summary>
    private static Dictionary<string, JObject> ThroughJsonText(Dictionary<string, JObject> persisted)
    {
        foreach (var key in persisted.Keys.ToList())
        {
            persisted[key] = JObject.Parse(persisted[key].ToString(Formatting.None));
        }

        return persisted;
    }
}
