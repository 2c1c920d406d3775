using System.Text.Json;
using Chatbot.AI.Answers;

namespace Chatbot.Conversation.State;

/// <summary>
/// What the bot remembers of one conversation (conversation state): recent turns for follow-ups,
/// the last question and subjects, and the last answer for "show sources" and feedback.
/// </summary>
public sealed class ConversationMemory
{
    /// <summary>How many recent turns are kept.</summary>
    public const int MaxTurns = 8;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>Recent turns, oldest first.</summary>
    public List<MemoryTurn> Turns { get; set; } = [];

    /// <summary>The last question answered from the knowledge base.</summary>
    public string? LastQuestion { get; set; }

    /// <summary>The two things of the last comparison.</summary>
    public List<string> LastSubjects { get; set; } = [];

    /// <summary>The last answer, as JSON (kept as text so any IStorage round-trips it exactly).</summary>
    public string? LastAnswerJson { get; set; }

    /// <summary>An id for the last answer, which feedback refers to.</summary>
    public string? LastAnswerId { get; set; }

    /// <summary>How many recent answers are kept for feedback given on the message itself (Teams' and Web Chat's buttons).</summary>
    public const int MaxRecentAnswers = 10;

    /// <summary>The recent answers by the id of the message that carried them, newest last.</summary>
    public List<SentAnswer> RecentAnswers { get; set; } = [];

    /// <summary>Records that the last answer went out as the message <paramref name="activityId"/> (null when the channel gave no id).</summary>
    public void Sent(string? activityId)
    {
        if (activityId is null || LastAnswerId is null)
        {
            return;
        }

        var answer = LastAnswer();
        RecentAnswers.Add(new SentAnswer { ActivityId = activityId, AnswerId = LastAnswerId, Question = LastQuestion, Text = answer?.Text, Backend = answer?.Backend });
        if (RecentAnswers.Count > MaxRecentAnswers)
        {
            RecentAnswers.RemoveRange(0, RecentAnswers.Count - MaxRecentAnswers);
        }
    }

    /// <summary>The answer that went out as the message <paramref name="activityId"/>, if it is still remembered.</summary>
    public SentAnswer? FindSent(string? activityId) =>
        activityId is null ? null : RecentAnswers.LastOrDefault(a => a.ActivityId == activityId);

    /// <summary>The last answer, or null.</summary>
    public Answer? LastAnswer() => LastAnswerJson is null ? null : JsonSerializer.Deserialize<Answer>(LastAnswerJson, s_json);

    /// <summary>Remembers the question (or, for a follow-up, the topic it continues) and the answer.</summary>
    public void Remember(string question, Answer answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        LastQuestion = question;
        LastAnswerJson = JsonSerializer.Serialize(answer, s_json);
        LastAnswerId = Guid.NewGuid().ToString("N");
        AddTurn("user", question);
        AddTurn("assistant", answer.Text);
    }

    private void AddTurn(string role, string text)
    {
        Turns.Add(new MemoryTurn { Role = role, Text = text });
        if (Turns.Count > MaxTurns)
        {
            Turns.RemoveRange(0, Turns.Count - MaxTurns);
        }
    }
}

/// <summary>An answer as it went out, for feedback given on its message.</summary>
public sealed class SentAnswer
{
    /// <summary>The id of the message that carried it.</summary>
    public string ActivityId { get; set; } = string.Empty;

    /// <summary>The answer's id (<see cref="ConversationMemory.LastAnswerId"/> when it was sent).</summary>
    public string AnswerId { get; set; } = string.Empty;

    /// <summary>The question it answered.</summary>
    public string? Question { get; set; }

    /// <summary>Its text.</summary>
    public string? Text { get; set; }

    /// <summary>Which backend wrote it.</summary>
    public string? Backend { get; set; }
}

/// <summary>One remembered turn.</summary>
public sealed class MemoryTurn
{
    /// <summary>"user" or "assistant".</summary>
    public string Role { get; set; } = "user";

    /// <summary>What was said.</summary>
    public string Text { get; set; } = string.Empty;
}
