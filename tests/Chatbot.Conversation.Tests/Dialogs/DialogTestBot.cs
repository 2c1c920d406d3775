using Chatbot.Conversation.State;
using Chatbot.Dialogs;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Tests.Dialogs;

/// <summary>
/// Runs one dialog as the root of a conversation the way the bot runs MainDialog: continue the active
/// dialog or begin this one, then save conversation and user state. The state objects are shared like
/// the app's singletons, but their values live only in <see cref="Storage"/> between turns, so every
/// turn reads what the previous one saved.
/// </summary>
internal sealed class DialogTestBot
{
    public DialogTestBot()
    {
        ConversationState = new ConversationState(Storage);
        UserState = new UserState(Storage);
    }

    public MemoryStorage Storage { get; } = new();

    public ConversationState ConversationState { get; }

    public UserState UserState { get; }

    public TestAdapter Adapter { get; } = new();

    /// <summary>A flow whose every message continues the active dialog, or begins <paramref name="dialog"/> with <paramref name="options"/>.</summary>
    public TestFlow Flow(Dialog dialog, object? options = null)
    {
        var accessor = ConversationState.CreateProperty<DialogState>(nameof(DialogState));
        return new TestFlow(Adapter, async (turnContext, cancellationToken) =>
        {
            var dc = await new DialogSet(accessor).Add(dialog).CreateContextAsync(turnContext, cancellationToken);
            var result = await dc.ContinueDialogAsync(cancellationToken);
            if (result.Status == DialogTurnStatus.Empty)
            {
                await dc.BeginDialogAsync(dialog.Id, options, cancellationToken);
            }

            await ConversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
            await UserState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        });
    }

    /// <summary>The conversation's memory as saved, or null when there is none.</summary>
    public Task<ConversationMemory?> ReadMemoryAsync() => ReadAsync<ConversationMemory>(new ConversationState(Storage), nameof(ConversationMemory));

    /// <summary>The user's profile as saved, or null when there is none.</summary>
    public Task<UserProfile?> ReadProfileAsync() => ReadAsync<UserProfile>(new UserState(Storage), nameof(UserProfile));

    /// <summary>Saves <paramref name="memory"/> as the conversation's memory, as an earlier turn would have.</summary>
    public Task WriteMemoryAsync(ConversationMemory memory) => WriteAsync(new ConversationState(Storage), nameof(ConversationMemory), memory);

    /// <summary>Saves <paramref name="profile"/> as the user's profile, as an earlier conversation would have.</summary>
    public Task WriteProfileAsync(UserProfile profile) => WriteAsync(new UserState(Storage), nameof(UserProfile), profile);

    /// <summary>Asserts that <paramref name="activity"/> is a message with <paramref name="text"/> and exactly <paramref name="actions"/> as buttons.</summary>
    public static void AssertPrompt(IActivity activity, string text, params string[] actions)
    {
        var message = Assert.IsAssignableFrom<IMessageActivity>(activity);
        Assert.Equal(text, message.Text);
        Assert.Equal(actions, message.SuggestedActions?.Actions.Select(a => a.Title) ?? []);
    }

    /// <summary>A turn in the adapter's conversation, from its user, for reading and writing state outside the flow.</summary>
    private TurnContext Turn()
    {
        var activity = MessageFactory.Text("state");
        activity.ApplyConversationReference(Adapter.Conversation, isIncoming: true);
        return new TurnContext(Adapter, activity);
    }

    // Fresh state objects over the storage: what they see is what was saved, not what a turn cached.
    private async Task<T?> ReadAsync<T>(BotState state, string property)
        where T : class
    {
        var turn = Turn();
        await state.LoadAsync(turn);
        return await state.CreateProperty<T?>(property).GetAsync(turn, () => null);
    }

    private async Task WriteAsync<T>(BotState state, string property, T value)
    {
        var turn = Turn();
        await state.LoadAsync(turn);
        await state.CreateProperty<T>(property).SetAsync(turn, value);
        await state.SaveChangesAsync(turn);
    }
}
