namespace Chatbot.Tools.Training.Grounding;

/// <summary>How <see cref="GroundingTrainer"/> combines a claim's features.</summary>
public enum GroundingLearner
{
    /// <summary>L2-regularised logistic regression on standardised features (what the checker runs).</summary>
    LogisticRegression,

    /// <summary>Gradient-boosted trees (ML.NET FastTree, Platt-calibrated); cross-validation only for now.</summary>
    BoostedTrees,
}
