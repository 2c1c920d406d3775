using Chatbot.Conversation.Intents;

namespace Chatbot.Tools.Evaluation.Intents;

/// <summary>How well one intent was recognised in an evaluation.</summary>
/// <param name="Intent">The intent.</param>
/// <param name="Support">Lines labelled with it.</param>
/// <param name="Predicted">Lines recognised as it.</param>
/// <param name="Correct">Lines labelled with it and recognised as it.</param>
public sealed record IntentMetrics(Intent Intent, int Support, int Predicted, int Correct)
{
    /// <summary>Share of lines recognised as the intent that were labelled with it; 0 when none was recognised as it.</summary>
    public double Precision => Predicted == 0 ? 0 : (double)Correct / Predicted;

    /// <summary>Share of lines labelled with the intent that were recognised as it; 0 when none was labelled with it.</summary>
    public double Recall => Support == 0 ? 0 : (double)Correct / Support;
}
