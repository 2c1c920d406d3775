namespace Chatbot.Knowledge.Documents;

/// <summary>
/// A curated question and answer: the question as people ask it (and other ways they ask it) with the short answer a
/// support team wrote. Each is indexed as a passage of its own, matched by its questions rather than its answer.
/// </summary>
/// <param name="Questions">The ways the question is asked, the main one first; never empty.</param>
/// <param name="Answer">The curated answer.</param>
public sealed record FaqEntry(IReadOnlyList<string> Questions, string Answer)
{
    /// <summary>Where the answer comes from (a URL or a name), when the FAQ says.</summary>
    public string? Source { get; init; }

    /// <summary>The FAQ's metadata for the entry ("category:returns|topic:window"), when it has any.</summary>
    public string? Metadata { get; init; }

    /// <summary>Offset of the answer in its document's plain text (set when the document is built).</summary>
    public int AnswerStart { get; init; }

    /// <summary>Offset just past the answer in its document's plain text.</summary>
    public int AnswerEnd { get; init; }

    /// <summary>Offset of the entry's first character (its question heading) in the document's plain text.</summary>
    public int Start { get; init; }
}
