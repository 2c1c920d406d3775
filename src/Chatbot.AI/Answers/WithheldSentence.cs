using Chatbot.Grounding;

namespace Chatbot.AI.Answers;

/// <summary>
/// A sentence the responder wrote but did not show, under <c>Grounding:Policy=Repair</c>: kept with the answer so that a
/// pilot's report can show what was kept from customers, and why.
/// </summary>
/// <param name="Text">The sentence with its [n] markers removed.</param>
/// <param name="Verdict">What the grounding check said of it (Supported for a sentence withheld with the rest of an answer that fell back).</param>
/// <param name="Reason">Why it was withheld: the check's reason, or that the answer as a whole could not be verified.</param>
public sealed record WithheldSentence(string Text, GroundingVerdict Verdict, string? Reason);
