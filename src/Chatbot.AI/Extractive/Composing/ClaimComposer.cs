using System.Text.RegularExpressions;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Prompting;
using Chatbot.Grounding;

namespace Chatbot.AI.Extractive.Composing;

/// <summary>
/// Checks a claim (<see cref="PromptKind.CheckClaim"/>): finds the sentence closest to it and lets the
/// grounding checker say whether the sources support it, contradict it or do not cover it, quoting the evidence.
/// </summary>
internal sealed partial class ClaimComposer(CandidateScorer scorer, GroundingChecker checker)
{
    /// <summary>The verdict on the claim in <paramref name="request"/>, or <see cref="ExtractiveComposer.NotCoveredAnswer"/> when it holds none.</summary>
    public async Task<string> ComposeAsync(PromptRequest request, List<AnswerCandidate> candidates, CancellationToken cancellationToken)
    {
        var claim = ClaimOf(request.Question);
        if (claim.Length == 0)
        {
            return ExtractiveComposer.NotCoveredAnswer;
        }

        await scorer.ScoreAsync(candidates, claim, cancellationToken);
        var best = candidates.OrderByDescending(c => c.Relevance).First();
        if (best.Relevance < CandidateScorer.MinRelevance)
        {
            return "Not covered by my sources: none of them says anything close to that claim.";
        }

        // The claim, as if it cited the best evidence, goes through the same check as every answer.
        var sentence = claim.EndsWith('.') ? claim : claim + ".";
        var report = await checker.CheckAsync($"{sentence} [{best.Source}]", request.Sources.Select(s => new GroundingSource(s.Number, s.Text)).ToArray(), cancellationToken);
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

    /// <summary>The claim in <paramref name="question"/>, without its lead-in ("Is it true that", "Fact check:") and question mark.</summary>
    public static string ClaimOf(string question) =>
        ClaimPrefix().Replace(question.Trim(), string.Empty).Trim().TrimEnd('?').Trim();

    private static string Quote(string text) => $"\u201C{text.Trim().TrimEnd('.')}\u201D.";

    [GeneratedRegex(@"^\s*(?:is it (?:true|correct|right) that|fact[- ]?check:?|claim:|i (?:read|heard) that|did you know that|true or false:?)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ClaimPrefix();
}
