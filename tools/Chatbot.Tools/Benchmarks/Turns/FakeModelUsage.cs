namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>The fake model's speed in the fake-llm scenario, and how often the app called it.</summary>
/// <param name="FirstTokenDelay">The time before the first token.</param>
/// <param name="TokenDelay">The time per token.</param>
/// <param name="TokenCount">Tokens per answer.</param>
/// <param name="ChatRequests">Chat requests the model received over the scenario.</param>
/// <param name="TurnsSent">Messages the load driver sent over the scenario.</param>
public sealed record FakeModelUsage(TimeSpan FirstTokenDelay, TimeSpan TokenDelay, int TokenCount, int ChatRequests, int TurnsSent)
{
    /// <summary>The model's own time for one answer.</summary>
    public TimeSpan AnswerTime => FirstTokenDelay + (TokenDelay * TokenCount);

    /// <summary>Model calls per message: 1 when every turn asks the model once.</summary>
    public double CallsPerTurn => TurnsSent > 0 ? (double)ChatRequests / TurnsSent : 0;
}
