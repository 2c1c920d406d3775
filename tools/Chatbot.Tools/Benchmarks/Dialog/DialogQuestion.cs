using System.Text.Json.Serialization;

namespace Chatbot.Tools.Benchmarks.Dialog;

/// <summary>A customer's message as eval writes it: <c>{"question", "covered"}</c>; without <c>covered</c>, the documents are taken to cover it.</summary>
/// <param name="Question">The message.</param>
/// <param name="Covered">False when the documents do not answer it.</param>
public sealed record DialogQuestion(string Question, [property: JsonPropertyName("covered")] bool? Covered);
