using Chatbot.Grounding;

namespace Chatbot.AI.Grounding;

/// <summary>The model's verdict on one sentence it was asked about.</summary>
/// <param name="Id">The sentence's id in the judge's prompt ("s1", "s2", ...).</param>
/// <param name="Verdict">
/// <see cref="GroundingVerdict.Supported"/>, <see cref="GroundingVerdict.Unsupported"/> or
/// <see cref="GroundingVerdict.Contradicted"/>; the model is not asked about citations, the merge derives those.
/// </param>
/// <param name="Source">The source number the model says supports or contradicts the sentence, when it named one.</param>
/// <param name="Reason">The model's short reason, on one line; empty when it gave none.</param>
public sealed record JudgeVerdict(string Id, GroundingVerdict Verdict, int? Source, string Reason);
