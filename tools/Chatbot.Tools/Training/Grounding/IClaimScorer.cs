namespace Chatbot.Tools.Training.Grounding;

/// <summary>A fitted claim model as cross-validation uses it: the probability that a claim is hallucinated.</summary>
internal interface IClaimScorer
{
    /// <summary>Scores a claim from the features at <paramref name="indexes"/> of its full feature vector.</summary>
    double Predict(double[] features, int[] indexes);
}
