namespace Chatbot.Conversation.Intents;

/// <summary>The outcome of the nearest-example vote, before calibration.</summary>
/// <param name="Best">The intent with the largest share of the vote.</param>
/// <param name="BestShare">Its share of the similarity-weighted vote, 0 to 1.</param>
/// <param name="RunnerUp">The intent with the next largest share (or, if the vote was unanimous, the next most similar example's intent).</param>
/// <param name="RunnerUpShare">Its share of the vote, 0 to 1.</param>
/// <param name="TopSimilarity">The cosine similarity of the nearest example.</param>
internal readonly record struct SimilarityVote(Intent Best, double BestShare, Intent RunnerUp, double RunnerUpShare, float TopSimilarity);
