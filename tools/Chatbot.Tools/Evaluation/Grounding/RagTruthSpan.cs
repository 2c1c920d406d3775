namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>A labelled hallucinated span of a RAGTruth response.</summary>
/// <param name="Start">Offset of the span's first character in the response.</param>
/// <param name="End">Offset just past its last character.</param>
/// <param name="LabelType">"Evident Baseless Info", "Subtle Conflict", ...</param>
public sealed record RagTruthSpan(int Start, int End, string LabelType);
