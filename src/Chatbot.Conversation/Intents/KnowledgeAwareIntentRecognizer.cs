using Chatbot.AI.Understanding;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// Lets questions the knowledge base can answer through even when they do not sound like the
/// recognizer's examples: a pilot's own documents ("How long do I have to return a laptop?") or a
/// casual, misspelt question ("how long can the vidoes from runway gen-2 be"). When the recognizer calls
/// a message out of scope, or hesitates between out of scope and something else, and an indexed passage
/// matches it closely, it is a question. The search uses the turn's vector, and what it found goes with the result to
/// the responder, which answers from it instead of searching again.
/// </summary>
public sealed class KnowledgeAwareIntentRecognizer : IIntentRecognizer
{
    private readonly IIntentRecognizer _inner;
    private readonly HybridRetriever _retriever;
    private readonly IOptions<IntentOptions> _options;

    /// <param name="inner">The recognizer whose doubtful and out-of-scope results are checked.</param>
    /// <param name="retriever">Searches the knowledge base (every collection).</param>
    /// <param name="options">Holds <see cref="IntentOptions.KnowledgeMatchThreshold"/>.</param>
    public KnowledgeAwareIntentRecognizer(IIntentRecognizer inner, HybridRetriever retriever, IOptions<IntentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _retriever = retriever;
        _options = options;
    }

    /// <inheritdoc />
    public async Task<IntentResult> RecognizeAsync(MessageAnalysis analysis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var result = await _inner.RecognizeAsync(analysis, cancellationToken);
        // Only a message that may be out of scope is checked: a doubt between two of the bot's own intents
        // ("ask or compare?") is still the user's to settle.
        var mayBeOutOfScope = result.Intent == Intent.OutOfScope || (!result.IsConfident && result.RunnerUp == Intent.OutOfScope);
        if (!mayBeOutOfScope || result.Source == IntentSource.Empty)
        {
            return result;
        }

        // The responder's own search (default depth and per-document cap), so that an answer can reuse it; the first
        // passage decides. Both searches must agree: it is among the keyword hits and close in meaning.
        var passages = _retriever.Search(analysis.Text, analysis.Vector.Span);
        if (passages is not [{ DenseScore: { } score, Bm25Rank: not null }, ..] || score < _options.Value.KnowledgeMatchThreshold)
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
            Source = IntentSource.Knowledge,
            Passages = passages,
        };
    }
}
