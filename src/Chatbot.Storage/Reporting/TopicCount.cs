namespace Chatbot.Storage.Reporting;

/// <summary>A source the answers cited, and in how many answers.</summary>
/// <param name="Title">The source's title.</param>
/// <param name="Answers">Answers that cite it (an answer citing it twice counts once).</param>
public sealed record TopicCount(string Title, int Answers);
