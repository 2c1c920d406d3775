namespace Chatbot.AI.Understanding;

/// <summary>A piece of the user's message and its unit-length embedding, computed once for the turn.</summary>
/// <param name="Text">The text that was embedded.</param>
/// <param name="Vector">Its unit-length vector from the index's embedding model.</param>
public sealed record AnalyzedText(string Text, ReadOnlyMemory<float> Vector);
