using System.Text;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Prompting;

namespace Chatbot.AI.Extractive.Composing;

/// <summary>
/// Compares two subjects (<see cref="PromptKind.Compare"/>): first what a source says of both at once, then a
/// section per subject quoting the most relevant sentences about it. Without two subjects it answers as a question.
/// </summary>
internal sealed class CompareComposer(CandidateScorer scorer, AskComposer ask)
{
    /// <summary>The comparison <paramref name="request"/> asks for, from <paramref name="candidates"/>, or <see cref="ExtractiveComposer.NotCoveredAnswer"/>.</summary>
    public async Task<string> ComposeAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken)
    {
        var subjects = SubjectsOf(request);
        if (subjects.Length < 2)
        {
            return await ask.ComposeAsync(request, candidates, cancellationToken);
        }

        var perSide = request.Style == AnswerStyle.Expert ? 3 : 2;
        var used = new HashSet<AnswerCandidate>();
        var text = new StringBuilder();

        // What the two share, and how they differ, comes first when a source says it directly.
        // Every scoring reads the message's one vector; the words of each query still pick the side.
        var vector = AskComposer.QueryVector(request);
        await scorer.ScoreAsync(candidates, $"{subjects[0]} and {subjects[1]}: how they differ and what they share", vector, cancellationToken);
        var both = CandidateChooser.ByRelevance(candidates.Where(c => IsAbout(c, subjects[0]) && IsAbout(c, subjects[1])).ToList(), perSide, request.Style);
        if (both.Count > 0)
        {
            used.UnionWith(both);
            text.Append("**In short:** ").Append(string.Join(" ", both.Select(c => c.Cited))).Append("\n\n");
        }

        foreach (var subject in subjects)
        {
            await scorer.ScoreAsync(candidates, $"What is {subject}?", vector, cancellationToken);
            var side = CandidateChooser.ByRelevance(candidates.Where(c => !used.Contains(c) && IsAbout(c, subject)).ToList(), perSide, request.Style);
            if (side.Count == 0)
            {
                side = CandidateChooser.ByRelevance(candidates.Where(c => !used.Contains(c)).ToList(), 1, request.Style);
            }

            used.UnionWith(side);
            text.Append("**").Append(Capitalize(subject)).Append(":** ");
            text.Append(side.Count == 0 ? $"My sources say little about {subject}." : string.Join(" ", side.Select(c => c.Cited)));
            text.Append("\n\n");
        }

        return used.Count == 0 ? ExtractiveComposer.NotCoveredAnswer : text.ToString().TrimEnd();
    }

    /// <summary>The two things compared: as the dialog resolved them, else as the turn's analysis found them; none otherwise.</summary>
    public static string[] SubjectsOf(PromptRequest request) =>
        request.Subjects.Count >= 2 ? request.Subjects.Take(2).ToArray()
        : request.Analysis is { ComparedLeft: { } left, ComparedRight: { } right } ? [left, right]
        : [];

    /// <summary>True when the candidate holds at least half the content words of <paramref name="subject"/>.</summary>
    private static bool IsAbout(AnswerCandidate candidate, string subject)
    {
        var words = ContentWords.Of(subject);
        return words.Count > 0 && words.Count(candidate.Words.Contains) * 2 >= words.Count;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
