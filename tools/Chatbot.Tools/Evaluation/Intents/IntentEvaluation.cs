using Chatbot.Conversation.Intents;

namespace Chatbot.Tools.Evaluation.Intents;

/// <summary>The result of running an <see cref="IIntentRecognizer"/> over a labelled JSONL file.</summary>
public sealed record IntentEvaluation
{
    /// <summary>Lines evaluated (read without problems).</summary>
    public required int Count { get; init; }

    /// <summary>Lines whose recognised intent equals their label.</summary>
    public required int Correct { get; init; }

    /// <summary><see cref="Correct"/> over <see cref="Count"/>; 0 for an empty file.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>Lines recognised with <see cref="IntentResult.IsConfident"/> set.</summary>
    public required int Confident { get; init; }

    /// <summary>Of the confident lines, those recognised correctly.</summary>
    public required int ConfidentCorrect { get; init; }

    /// <summary>Of the wrong lines, the share recognised confidently (acted on rather than asked about); 0 when none is wrong.</summary>
    public double WrongConfident => Count == Correct ? 0 : (double)(Confident - ConfidentCorrect) / (Count - Correct);

    /// <summary>Share of lines not recognised confidently: the bot asks which intent was meant.</summary>
    public double Clarified => Count == 0 ? 0 : 1 - ((double)Confident / Count);

    /// <summary>Mean gap between confidence and accuracy over ten confidence bins, weighted by count (0 is perfectly calibrated).</summary>
    public double ExpectedCalibrationError { get; init; }

    /// <summary>Lines that list courtesies in <c>"also"</c>.</summary>
    public int WithAlso { get; init; }

    /// <summary>Of <see cref="WithAlso"/>, those whose intent was right and whose every courtesy was recognised too.</summary>
    public int AlsoRecognized { get; init; }

    /// <summary>Precision and recall per intent, in <see cref="Intent"/> order, for every intent.</summary>
    public required IReadOnlyList<IntentMetrics> PerIntent { get; init; }

    /// <summary>Every line recognised as another intent than its label, in file order.</summary>
    public required IReadOnlyList<IntentConfusion> Confusions { get; init; }

    /// <summary>Lines skipped because they could not be read.</summary>
    public required IReadOnlyList<IntentEvaluationProblem> Problems { get; init; }

    /// <summary>Median time to recognise one analysed utterance (after the turn's shared embedding), in milliseconds, measured after a warm-up call.</summary>
    public required double MedianMilliseconds { get; init; }

    /// <summary>95th percentile time to recognise one utterance, in milliseconds (nearest rank).</summary>
    public required double P95Milliseconds { get; init; }
}
