namespace Chatbot.Conversation.Intents;

/// <summary>The outcome of the nearest-example vote, before calibration.</summary>
/// <param name="Shares">Each intent's share of the similarity-weighted vote (indexed by <see cref="Intent"/>; they sum to 1).</param>
/// <param name="NearestPerIntent">Each intent's most similar example's cosine similarity, to break ties between zero shares.</param>
/// <param name="TopSimilarity">The cosine similarity of the nearest example overall.</param>
internal sealed record SimilarityVote(double[] Shares, float[] NearestPerIntent, float TopSimilarity)
{
    /// <summary>The two intents with the largest shares among those <paramref name="eligible"/> allows, with their shares renormalized over the eligible intents.</summary>
    /// <returns><see langword="null"/> for the best when no eligible intent received any share.</returns>
    public (Intent Best, double BestShare, Intent RunnerUp, double RunnerUpShare)? Rank(Func<Intent, bool> eligible)
    {
        var best = -1;
        var second = -1;
        var total = 0.0;
        for (var intent = 0; intent < Shares.Length; intent++)
        {
            if (!eligible((Intent)intent))
            {
                continue;
            }

            total += Shares[intent];
            if (best < 0 || Beats(intent, best))
            {
                second = best;
                best = intent;
            }
            else if (second < 0 || Beats(intent, second))
            {
                second = intent;
            }
        }

        if (best < 0 || second < 0 || total <= 0)
        {
            return null;
        }

        return ((Intent)best, Shares[best] / total, (Intent)second, Shares[second] / total);
    }

    private bool Beats(int intent, int other) =>
        Shares[intent] > Shares[other] || (Shares[intent] == Shares[other] && NearestPerIntent[intent] > NearestPerIntent[other]);
}
