namespace Chatbot.Hosting;

/// <summary>What <see cref="ActivityRequestValidator"/> found: the problem to send back, or the activity's channel and conversation.</summary>
/// <param name="Problem">The 4xx answer; null when the activity is usable.</param>
/// <param name="ChannelId">The activity's channel, when it is usable.</param>
/// <param name="ConversationId">The activity's conversation, when it is usable.</param>
public sealed record ActivityRequestCheck(IResult? Problem, string? ChannelId, string? ConversationId);
