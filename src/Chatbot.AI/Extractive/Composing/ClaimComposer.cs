using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Prompting;
using Chatbot.AI.Understanding;
using Chatbot.Grounding;

namespace Chatbot.AI.Extractive.Composing;

/// <summary>
/// Checks a claim (<see cref="PromptKind.CheckClaim"/>): finds the sentence closest to it and lets the
/// grounding checker say whether the sources support it, contradict it or do not cover it, quoting the evidence.
/// </summary>
internal sealed class ClaimComposer(CandidateScorer scorer, GroundingChecker checker)
{
    /// <summary>The verdict on the claim in <paramref name="request"/>, or <see cref="ExtractiveComposer.NotCoveredAnswer"/> when it holds none.</summary>
    public async Task<string> ComposeAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken)
    {
        // The claim as the turn's analysis embedded it, or read here from a request that has no analysis.
        var statement = request.Analysis?.Claim?.Text ?? ClaimStatement.From(request.Question);
        if (statement.Length == 0)
        {
            return ExtractiveComposer.NotCoveredAnswer;
        }

        var sentence = ClaimStatement.AsSentence(statement);
        var vector = request.Analysis?.Claim?.Vector ?? default;
        await scorer.ScoreAsync(candidates, sentence, vector, cancellationToken);
        var best = candidates.OrderByDescending(c => c.Relevance).First();
        if (best.Relevance < CandidateScorer.MinRelevance)
        {
            return "Not covered by my sources: none of them says anything close to that claim.";
        }

        // The claim, as if it cited the best evidence, goes through the same check as every answer.
        var sources = request.Sources.Select(s => new GroundingSource(s.Number, s.Text) { Sentences = s.Sentences }).ToArray();
        var known = vector.IsEmpty ? null : new Dictionary<string, float[]> { [sentence] = vector.ToArray() };
        var report = await checker.CheckStatementAsync($"{sentence} [{best.Source}]", sources, known, cancellationToken);
        var verdict = report.Sentences.Count > 0 ? report.Sentences[0] : null;
        var evidenceSource = verdict?.EvidenceSource ?? best.Source;
        var evidence = verdict?.Evidence is { Length: > 0 } e ? e : best.Text;
        // Verdict and evidence form one sentence, so the check weighs the quote against the source it cites.
        return verdict?.Verdict switch
        {
            GroundingVerdict.Supported => $"Supported: my sources agree, saying {Quote(evidence)} [{evidenceSource}]",
            GroundingVerdict.Contradicted => $"Contradicted: my sources say otherwise, namely {Quote(evidence)} [{evidenceSource}]",
            _ => $"Not covered by my sources: they don't confirm it, and the closest they come is {Quote(best.Text)} [{best.Source}]",
        };
    }

    private static string Quote(string text) => $"\u201C{text.Trim().TrimEnd('.')}\u201D.";
}
