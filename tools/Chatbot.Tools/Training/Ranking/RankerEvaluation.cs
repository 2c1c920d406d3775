using System.Globalization;

namespace Chatbot.Tools.Training.Ranking;

/// <summary>Cross-validated key-fact rates (see <see cref="SentenceRankerTrainer.CrossValidate"/>).</summary>
/// <param name="Questions">How many questions.</param>
/// <param name="KeyFacts">Share whose top sentences by the fitted ranker hold all key facts.</param>
/// <param name="DenseOnly">The same when ranking by dense similarity alone, with as many sentences per question.</param>
/// <param name="Reachable">Share whose relevant sentences, all of them, hold all key facts: the ceiling retrieval sets.</param>
public sealed record RankerEvaluation(int Questions, double KeyFacts, double DenseOnly, double Reachable)
{
    /// <summary>The questions whose key facts the relevant sentences hold but the fitted ranker's top sentences do not.</summary>
    public IReadOnlyList<string> Missed { get; init; } = [];

    /// <summary>How many sentences the answers quoted, on average.</summary>
    public double MeanSentences { get; init; }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Questions} questions: key facts {KeyFacts:0.000} (dense only {DenseOnly:0.000}, all relevant sentences {Reachable:0.000}), {MeanSentences:0.00} sentences an answer");
}
