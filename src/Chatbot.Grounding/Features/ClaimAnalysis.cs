using Chatbot.Grounding.Text;
using Chatbot.Knowledge.Text;

namespace Chatbot.Grounding.Features;

/// <summary>One answer sentence with what the analysis found: whether it is a claim and its features.</summary>
internal sealed class ClaimAnalysis(TextSentence sentence, bool isClaim, SentenceFacts facts)
{
    public TextSentence Sentence { get; } = sentence;

    /// <summary>False for questions, greetings, "I don't know" and lead-ins: never flagged.</summary>
    public bool IsClaim { get; } = isClaim;

    public SentenceFacts Facts { get; } = facts;

    /// <summary>Cited numbers that name no source.</summary>
    public IReadOnlyList<int> MissingCitations { get; set; } = [];

    /// <summary>Features against the sources the sentence cites (null when it cites none that exist).</summary>
    public ClaimFeatures? Cited { get; set; }

    /// <summary>Whether the features include dense similarity (otherwise the dense features are 0).</summary>
    public bool HasDense { get; set; }

    /// <summary>Features against every passage, cited or not.</summary>
    public ClaimFeatures? All { get; set; }
}
