namespace Chatbot.AI.Extractive.Ranking;

/// <summary>
/// What the composer measures of one candidate sentence for one question: one property per name in
/// <see cref="SentenceRanker.FeatureNames"/>, and <see cref="ToArray"/> in that order, which is what the
/// ranker weighs and what <see cref="RankedSentence.Features"/> reports.
/// </summary>
internal sealed record SentenceFeatures
{
    /// <summary><c>dense</c>: cosine similarity of question and sentence.</summary>
    public required double Dense { get; init; }

    /// <summary><c>overlap</c>: share of the question's content words in the sentence.</summary>
    public required double Overlap { get; init; }

    /// <summary><c>rareOverlap</c>: the same, each word weighted by how rare it is among the candidate sentences.</summary>
    public required double RareOverlap { get; init; }

    /// <summary><c>titleOverlap</c>: share of the question's content words in the passage title.</summary>
    public required double TitleOverlap { get; init; }

    /// <summary><c>passageRank</c>: 1 / the passage's retrieval rank.</summary>
    public required double PassageRank { get; init; }

    /// <summary><c>position</c>: 1 / (1 + the sentence's index in its passage).</summary>
    public required double Position { get; init; }

    /// <summary><c>answerType</c>: 1 when the question asks when/who/how many/why/which paper and the sentence holds that kind of answer.</summary>
    public required double AnswerType { get; init; }

    /// <summary><c>defines</c>: 1 when the question is "what is X?" and the sentence defines X.</summary>
    public required double Defines { get; init; }

    /// <summary><c>namesSubject</c>: share of the names in the question that the sentence (or its context) mentions.</summary>
    public required double NamesSubject { get; init; }

    /// <summary><c>short</c>: how far the sentence falls short of nine words.</summary>
    public required double Short { get; init; }

    /// <summary><c>long</c>: how far it runs past thirty words.</summary>
    public required double Long { get; init; }

    /// <summary><c>passageBest</c>: the best dense similarity of any sentence in the same passage.</summary>
    public required double PassageBest { get; init; }

    /// <summary><c>previousDense</c>: the best dense similarity of the one or two sentences before it in the passage.</summary>
    public required double PreviousDense { get; init; }

    /// <summary><c>explainsAfter</c>: <see cref="PreviousDense"/>, for a how/why question only.</summary>
    public required double ExplainsAfter { get; init; }

    /// <summary><c>pronoun</c>: 1 when the sentence opens with a pronoun.</summary>
    public required double Pronoun { get; init; }

    /// <summary><c>specific</c>: how many names, dates and amounts it holds (capped at 1).</summary>
    public required double Specific { get; init; }

    /// <summary><c>denseGap</c>: <see cref="Dense"/>, less the best among the candidates (a question's scores are relative).</summary>
    public required double DenseGap { get; init; }

    /// <summary><c>rareGap</c>: <see cref="RareOverlap"/>, less the best among the candidates.</summary>
    public required double RareGap { get; init; }

    /// <summary><c>afterBest</c>: 1 when it comes one or two sentences after the sentence most similar to the question.</summary>
    public required double AfterBest { get; init; }

    /// <summary><c>explainsAfterBest</c>: <see cref="AfterBest"/>, for a how/why question only.</summary>
    public required double ExplainsAfterBest { get; init; }

    /// <summary><c>explainsSpecific</c>: <see cref="Specific"/>, for a how/why question only.</summary>
    public required double ExplainsSpecific { get; init; }

    /// <summary><c>typedAboutSubject</c>: <see cref="AnswerType"/> times <see cref="NamesSubject"/>.</summary>
    public required double TypedAboutSubject { get; init; }

    /// <summary>The features in <see cref="SentenceRanker.FeatureNames"/> order, as the ranker reads them.</summary>
    public double[] ToArray() =>
    [
        Dense,
        Overlap,
        RareOverlap,
        TitleOverlap,
        PassageRank,
        Position,
        AnswerType,
        Defines,
        NamesSubject,
        Short,
        Long,
        PassageBest,
        PreviousDense,
        ExplainsAfter,
        Pronoun,
        Specific,
        DenseGap,
        RareGap,
        AfterBest,
        ExplainsAfterBest,
        ExplainsSpecific,
        TypedAboutSubject,
    ];
}
