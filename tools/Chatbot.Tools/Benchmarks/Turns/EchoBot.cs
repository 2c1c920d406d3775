using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.AI;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// The floor under a real turn: a Bot Framework bot that keeps a turn counter in conversation state,
/// saves it every turn and replies with the user's text. With an embedding generator it also embeds
/// the text once before replying, which is the least a retrieval-based answer has to do.
/// </summary>
public sealed class EchoBot : ActivityHandler
{
    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<EchoTurnCount> _turnCount;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embeddings;

    /// <param name="conversationState">Where the turn counter lives.</param>
    /// <param name="embeddings">When set, each message is embedded once before the reply.</param>
    public EchoBot(ConversationState conversationState, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _conversationState = conversationState;
        _turnCount = conversationState.CreateProperty<EchoTurnCount>(nameof(EchoTurnCount));
        _embeddings = embeddings;
    }

    /// <inheritdoc />
    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        // As in the Bot Framework samples: state is saved once, after the turn's handlers ran.
        await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text ?? string.Empty;
        var count = await _turnCount.GetAsync(turnContext, () => new EchoTurnCount(), cancellationToken);
        count.Turns++;

        if (_embeddings is not null)
        {
            var embedding = await _embeddings.GenerateVectorAsync(text, cancellationToken: cancellationToken);
            if (embedding.IsEmpty)
            {
                throw new InvalidOperationException("The embedding generator returned an empty vector.");
            }
        }

        await turnContext.SendActivityAsync(MessageFactory.Text(text, text), cancellationToken);
    }
}

/// <summary>The echo bot's conversation state: how many messages the conversation has had.</summary>
public sealed class EchoTurnCount
{
    /// <summary>Messages so far.</summary>
    public int Turns { get; set; }
}
