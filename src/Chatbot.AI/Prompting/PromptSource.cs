namespace Chatbot.AI.Prompting;

/// <summary>A numbered source offered to the model; the model cites it as [<paramref name="Number"/>].</summary>
/// <param name="Number">The citation number, from 1.</param>
/// <param name="Title">The document title (and section).</param>
/// <param name="Text">The passage.</param>
public sealed record PromptSource(int Number, string Title, string Text);
