using Chatbot.Knowledge.Chunking;

namespace Chatbot.Grounding;

/// <summary>A numbered source an answer may cite with [n] markers.</summary>
/// <param name="Number">The number used in [n] markers, from 1.</param>
/// <param name="Text">The passage the responder was given.</param>
public sealed record GroundingSource(int Number, string Text)
{
    /// <summary>
    /// The passage's sentences with spans and vectors as the index stored them. When given, the check reads them
    /// instead of splitting and embedding the passage again; when empty (text from elsewhere), it splits and embeds.
    /// </summary>
    public IReadOnlyList<ChunkSentence> Sentences { get; init; } = [];
}
