namespace Chatbot.AI.Extractive;

/// <summary>A source sentence the extractive composer could quote, as <see cref="ExtractiveComposer.RankAsync"/> saw it.</summary>
/// <param name="Source">The number of the source it comes from.</param>
/// <param name="Index">Its position among the source's sentences.</param>
/// <param name="Text">The sentence, with the list sentences quoted after it when it announces a list.</param>
/// <param name="Features">What was measured of it, in <see cref="SentenceRanker.FeatureNames"/> order.</param>
/// <param name="Score">The ranker's score (log-odds that it holds the answer).</param>
/// <param name="Relevant">Whether it is relevant enough to be quoted at all.</param>
public sealed record RankedSentence(int Source, int Index, string Text, IReadOnlyList<double> Features, double Score, bool Relevant);
