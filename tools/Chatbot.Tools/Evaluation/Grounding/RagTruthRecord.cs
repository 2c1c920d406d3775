using System.Text.RegularExpressions;
using Chatbot.Grounding;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>One RAGTruth response with its question, passages and labels (the format of qa_train.jsonl).</summary>
/// <param name="Id">The record id ("14364:gpt-4-0613").</param>
/// <param name="Question">The question the response answers; records of one question share passages.</param>
/// <param name="Passages">"passage 1:...\n\npassage 2:..." as in the data set.</param>
/// <param name="Response">The model's answer.</param>
/// <param name="Hallucinated">Whether annotators found a hallucination in it.</param>
/// <param name="Spans">The hallucinated spans.</param>
/// <param name="Model">The model that wrote the response, when known.</param>
public sealed partial record RagTruthRecord(
    string Id,
    string Question,
    string Passages,
    string Response,
    bool Hallucinated,
    IReadOnlyList<RagTruthSpan> Spans,
    string? Model)
{
    /// <summary>The RAGTruth source (question and passages) the response answers; every model's answer to it shares it.</summary>
    public string? SourceId { get; init; }

    /// <summary>The RAGTruth task ("QA", "Summary", "Data2txt"), when the file says.</summary>
    public string? Task { get; init; }

    /// <summary>
    /// What keeps a question's answers together in cross-validation and the set-aside split: the source id,
    /// else the id's part before ':', else the question.
    /// </summary>
    public string Group => SourceId
        ?? (Id.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? Id[..colon] : Question.Trim().ToLowerInvariant());

    /// <summary>The model that wrote the response: <see cref="Model"/>, else the id's part after ':'.</summary>
    public string Generator => Model
        ?? (Id.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? Id[(colon + 1)..] : "unknown");

    [GeneratedRegex(@"(?:^|\n)\s*passage\s+(\d+)\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PassageHeader();

    /// <summary>The passages as numbered sources; text without "passage n:" headers is source 1.</summary>
    public IReadOnlyList<GroundingSource> Sources()
    {
        var headers = PassageHeader().Matches(Passages);
        if (headers.Count == 0)
        {
            return string.IsNullOrWhiteSpace(Passages) ? [] : [new GroundingSource(1, Passages.Trim())];
        }

        var sources = new List<GroundingSource>(headers.Count);
        for (var i = 0; i < headers.Count; i++)
        {
            var start = headers[i].Index + headers[i].Length;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : Passages.Length;
            var text = Passages[start..end].Trim();
            if (text.Length > 0)
            {
                sources.Add(new GroundingSource(int.Parse(headers[i].Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), text));
            }
        }

        return sources;
    }

    /// <summary>True when the response range [start, end) overlaps a labelled span.</summary>
    public bool IsHallucinated(int start, int end) => Spans.Any(s => s.Start < end && start < s.End);
}
