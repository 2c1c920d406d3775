using Chatbot.AI.Answers;
using Chatbot.Grounding;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Chatbot.Conversation.Rendering;

/// <summary>
/// The grounding report of an answer as a trace activity, for a developer in the Bot Framework Emulator: each
/// sentence with its verdict, score, citations, evidence, reason and unbacked words (spans in the sentence's text),
/// and the sources offered. Sent on the emulator channel only (other channels drop traces, and users need not see them).
/// </summary>
public static class GroundingTrace
{
    /// <summary>The trace's name and label.</summary>
    public const string Name = "GroundingReport";

    /// <summary>The trace's value type.</summary>
    public const string ValueType = "https://chatbot.example/schemas/grounding-report";

    /// <summary>The trace activity for <paramref name="answer"/>.</summary>
    public static Activity For(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var report = new GroundingReportView(
            answer.Backend,
            answer.Covered,
            answer.FlaggedCount,
            [.. answer.Sentences.Select(s => new SentenceView(s.Text, s.Verdict, Math.Round(s.Score, 3), s.Citations, s.EvidenceSource, s.Evidence, s.Reason)
            {
                Spans = [.. s.Spans.Where(p => p.Start >= 0 && p.Length > 0 && p.End <= s.Text.Length).Select(p => new SpanView(p.Start, p.Length, p.Of(s.Text), p.Instead))],
            })],
            [.. answer.Citations.Select(c => new SourceView(c.Number, c.Title, c.Url))]);
        // camelCase, as the rest of the activity is on the wire.
        var value = JObject.FromObject(report, JsonSerializer.Create(new JsonSerializerSettings
        {
            ContractResolver = new CamelCasePropertyNamesContractResolver(),
            Converters = [new StringEnumConverter()],
        }));
        return (Activity)Activity.CreateTraceActivity(Name, ValueType, value, $"{report.Flagged} of {report.Sentences.Count} sentences flagged");
    }

    /// <summary>The report as the trace carries it.</summary>
    public sealed record GroundingReportView(string Backend, bool Covered, int Flagged, IReadOnlyList<SentenceView> Sentences, IReadOnlyList<SourceView> Sources);

    /// <summary>One sentence's verdict and evidence.</summary>
    public sealed record SentenceView(string Text, GroundingVerdict Verdict, double Score, IReadOnlyList<int> Citations, int? EvidenceSource, string? Evidence, string? Reason)
    {
        /// <summary>The words of a flagged sentence its sources do not back, with offsets in <see cref="Text"/>.</summary>
        public IReadOnlyList<SpanView> Spans { get; init; } = [];
    }

    /// <summary>Unbacked words of a sentence: where they are in its text, the words, and what the source says instead (if known).</summary>
    public sealed record SpanView(int Start, int Length, string Text, string? Instead);

    /// <summary>One source offered to the responder.</summary>
    public sealed record SourceView(int Number, string Title, string Url);
}
