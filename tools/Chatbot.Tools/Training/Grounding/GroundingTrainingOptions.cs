namespace Chatbot.Tools.Training.Grounding;

/// <summary>How <see cref="GroundingTrainer"/> trains and cross-validates.</summary>
public sealed class GroundingTrainingOptions
{
    private int _folds = 5;
    private double _l2 = 1.0;
    private double _minPrecision = 0.5;
    private double _extraWeight = 1.0;

    /// <summary>Outer cross-validation folds, grouped by question (2 or more).</summary>
    public int Folds
    {
        get => _folds;
        set => _folds = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least two folds are needed.");
    }

    /// <summary>
    /// The least response-level precision a tuned threshold must reach (on the training part's out-of-fold
    /// scores); among those that do, the best F1 wins; when none does, the best F1 overall. 0 is plain best F1.
    /// </summary>
    public double MinPrecision
    {
        get => _minPrecision;
        set => _minPrecision = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), "A precision is between 0 and 1.");
    }

    /// <summary>Seed for assigning questions to folds.</summary>
    public int Seed { get; set; } = 13;

    /// <summary>L2 penalty on the standardised weights.</summary>
    public double L2
    {
        get => _l2;
        set => _l2 = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Weight of each hand-made example relative to a RAGTruth sentence (0 leaves them out).</summary>
    public double HandmadeWeight { get; set; } = 1.0;

    /// <summary>Weight of each claim of the extra training records (other RAGTruth tasks) relative to a QA claim (0 leaves them out).</summary>
    public double ExtraWeight
    {
        get => _extraWeight;
        set => _extraWeight = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Evidence sentences embedded per claim (best lexical matches); 0 embeds every sentence.</summary>
    public int DenseCandidates { get; set; } = 3;

    /// <summary>Whether each candidate's next sentence is embedded too (two-sentence windows).</summary>
    public bool DenseNeighbours { get; set; }

    /// <summary>Whether a detected number/negation/name conflict flags a sentence whatever the model says.</summary>
    public bool ConflictsOverride { get; set; } = true;

    /// <summary>Whether a number or date conflict flags a sentence whatever the model and the gate say (implied by <see cref="ConflictsOverride"/>).</summary>
    public bool NumberConflictsOverride { get; set; }

    /// <summary>Whether a conflict of this kind flags a sentence regardless of the model.</summary>
    internal bool Overrides(Chatbot.Grounding.Features.ConflictKind conflict)
        => conflict != Chatbot.Grounding.Features.ConflictKind.None
           && (ConflictsOverride || (NumberConflictsOverride && conflict == Chatbot.Grounding.Features.ConflictKind.Number));

    /// <summary>
    /// Feature sets to cross-validate, by name. The final model uses <see cref="ModelFeatureSet"/>.
    /// Empty means <see cref="GroundingTrainer.StandardFeatureSets"/>.
    /// </summary>
    public IDictionary<string, IReadOnlyList<string>> FeatureSets { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The feature set of the cheap first stage (no dense features); null trains no first stage.</summary>
    public string? LexicalFeatureSet { get; set; } = "lexical+facts";

    /// <summary>How many claims per answer the first stage passes on to the dense model (those it is least sure of).</summary>
    public int DenseClaimBudget { get; set; } = 2;

    /// <summary>Only claims whose first-stage logit is within this distance of its threshold's go on to the dense model (see <see cref="Chatbot.Grounding.Model.GroundingModel.DenseDoubtBand"/>).</summary>
    public double DenseDoubtBand { get; set; } = double.PositiveInfinity;

    /// <summary>How many times cross-validation is repeated with other question-to-fold assignments (scores are pooled).</summary>
    public int Repeats { get; set; } = 1;

    /// <summary>Whether an answer-level <see cref="Chatbot.Grounding.Model.ResponseGate"/> decides which answers are flagged.</summary>
    public bool ResponseGate { get; set; }

    /// <summary>The feature set the persisted model is trained on.</summary>
    public string ModelFeatureSet { get; set; } = "all";
}
