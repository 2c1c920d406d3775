namespace Chatbot.Grounding;

/// <summary>A numbered source an answer may cite with [n] markers.</summary>
/// <param name="Number">The number used in [n] markers, from 1.</param>
/// <param name="Text">The passage the responder was given.</param>
public sealed record GroundingSource(int Number, string Text);
