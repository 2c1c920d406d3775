using Chatbot.Grounding.Model;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Text;

namespace Chatbot.Grounding.Tests.Doubles;

/// <summary>
/// A made-up passage as the index stores it (sentences with vectors), and a checker that sends every claim to the dense
/// stage: the setting in which any text without a vector would be embedded by the check, so embeddings can be counted.
/// </summary>
public static class StoredPassage
{
    public const string Text =
        "The Quillfeather engine was released by Harrow Labs in 2031. It renders vector art from a short text prompt. " +
        "Its second version added animation.";

    /// <summary>A checker on the shipped model with every claim in the dense stage.</summary>
    public static GroundingChecker AllDenseChecker(HashingEmbedder embedder)
    {
        var shipped = GroundingModel.LoadDefault();
        var model = new GroundingModel(shipped.Features, shipped.Means, shipped.Scales, shipped.Weights, shipped.Bias, shipped.Threshold)
        {
            DenseCandidates = shipped.DenseCandidates,
            LexicalStage = shipped.LexicalStage,
            DenseClaimBudget = 10,
            DenseDoubtBand = double.PositiveInfinity,
        };
        return new GroundingChecker(embedder, model);
    }

    /// <summary><see cref="Text"/> as source [1], its sentences embedded at "ingestion" by <paramref name="ingestion"/>.</summary>
    public static GroundingSource Source(HashingEmbedder ingestion)
    {
        var sentences = SentenceSplitter.Default.Split(Text)
            .Select(s => new ChunkSentence(s.Start, s.Length, s.Text, ingestion.GenerateAsync([ChunkSentence.EmbeddedText(s.Text)]).Result[0].Vector))
            .ToArray();
        return new GroundingSource(1, Text) { Sentences = sentences };
    }
}
