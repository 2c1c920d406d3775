using Chatbot.AI.Answers;

namespace Chatbot.AI.Responding;

/// <summary>One step of a streamed answer.</summary>
/// <param name="Kind">What the step is.</param>
/// <param name="Text">The text delta; for <see cref="ResponderUpdateKind.Restart"/>, the notice; for <see cref="ResponderUpdateKind.Completed"/>, the whole text.</param>
public sealed record ResponderUpdate(ResponderUpdateKind Kind, string Text)
{
    /// <summary>The checked answer, on the <see cref="ResponderUpdateKind.Completed"/> update only.</summary>
    public Answer? Answer { get; init; }
}

/// <summary>The kinds of <see cref="ResponderUpdate"/>.</summary>
public enum ResponderUpdateKind
{
    /// <summary>More answer text.</summary>
    Text,

    /// <summary>The model failed: drop the text shown so far; the extractive answer follows.</summary>
    Restart,

    /// <summary>The answer is complete and checked; it is the last update.</summary>
    Completed,
}
