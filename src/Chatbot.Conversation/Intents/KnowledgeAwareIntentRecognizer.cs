using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// Lets questions about a pilot's own documents through. The recognizer knows generative AI, not a
/// company's return policy, so "How long do I have to return a laptop?" looks out of scope to it; when
/// it calls a message out of scope or is unsure, and a pilot document matches the message closely,
/// the message is answered as a question.
/// </summary>
public sealed class PilotAwareIntentRecognizer : IIntentRecognizer
{
    private readonly IIntentRecognizer _inner;
    private readonly HybridRetriever _retriever;
    private readonly IOptions<IntentOptions> _options;

    /// <param name="inner">The recognizer whose doubtful and out-of-scope results are checked.</param>
    /// <param name="retriever">Searches the pilot collection.</param>
    /// <param name="options">Holds <see cref="IntentOptions.PilotMatchThreshold"/>.</param>
    public PilotAwareIntentRecognizer(IIntentRecognizer inner, HybridRetriever retriever, IOptions<IntentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _retriever = retriever;
        _options = options;
    }

    /// <inheritdoc />
    public async Task<IntentResult> RecognizeAsync(string utterance, CancellationToken cancellationToken = default)
    {
        var result = await _inner.RecognizeAsync(utterance, cancellationToken);
        if ((result.IsConfident && result.Intent != Intent.OutOfScope) || result.Source == IntentSource.Empty || !HasPilotDocuments())
        {
            return result;
        }

        var passages = await _retriever.RetrieveAsync(utterance, new RetrievalOptions { Collection = KnowledgeCollections.Pilot, TopK = 1 }, cancellationToken);
        if (passages is not [{ DenseScore: { } score, Bm25Rank: not null }] || score < _options.Value.PilotMatchThreshold)
        {
            return result;
        }

        return result with
        {
            Intent = Intent.Ask,
            Confidence = score,
            IsConfident = true,
            RunnerUp = result.Intent,
            RunnerUpConfidence = result.Confidence,
            Source = IntentSource.PilotDocuments,
        };
    }

    private bool HasPilotDocuments() => _retriever.Index.Manifest.Files.Values.Any(file => file.Collection == KnowledgeCollections.Pilot);
}
