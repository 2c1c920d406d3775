namespace Chatbot.Grounding.Features;

/// <summary>The feature vector of one claim against one evidence set, with the evidence that produced it.</summary>
internal sealed record ClaimFeatures(double[] Values, EvidenceSentence? Best, string? BestText, ConflictKind Conflict);
