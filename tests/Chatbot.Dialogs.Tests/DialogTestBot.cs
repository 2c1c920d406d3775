using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;

namespace Chatbot.Dialogs.Tests;

/// <summary>
/// A bot that runs a root dialog the way our bot does: load the stack, run, save. It builds a new
/// <see cref="ConversationState"/> and a new dialog every turn, so nothing survives in memory between
/// turns and every test exercises the stack's round trip through <see cref="IStorage"/>.
/// </summary>
internal sealed class DialogTestBot(Func<Dialog> createDialog, IStorage? storage = null)
{
    public IStorage Storage { get; set; } = storage ?? new MemoryStorage();

    public List<DialogTurnResult> Results { get; } = [];

    public DialogTurnResult LastResult => Results[^1];

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var conversationState = new ConversationState(Storage);
        var accessor = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        Results.Add(await createDialog().RunAsync(turnContext, accessor, cancellationToken));
        await conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
    }

    public TestFlow Flow(TestAdapter? adapter = null) => new(adapter ?? new TestAdapter(), OnTurnAsync);

    /// <summary>Reads the persisted dialog stack of the adapter's conversation.</summary>
    public async Task<DialogState> ReadStateAsync(TestAdapter adapter)
    {
        var turnContext = TurnFor(adapter, "read state");
        var conversationState = new ConversationState(Storage);
        return await conversationState.CreateProperty<DialogState>(nameof(DialogState)).GetAsync(turnContext, () => new DialogState());
    }

    /// <summary>A turn on the adapter's conversation, for tests that drive a <see cref="DialogContext"/> directly.</summary>
    public static TurnContext TurnFor(TestAdapter adapter, string text)
    {
        var activity = adapter.MakeActivity(text);
        activity.ApplyConversationReference(adapter.Conversation, isIncoming: true);
        return new TurnContext(adapter, activity);
    }
}
