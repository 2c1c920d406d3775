namespace Chatbot.Knowledge.Documents;

/// <summary>The YAML block between <c>---</c> lines at the top of a curated Markdown document.</summary>
public sealed record FrontMatter
{
    public string? Id { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string> Sources { get; init; } = [];

    public IReadOnlyList<string> Topics { get; init; } = [];

    public DateOnly? LastReviewed { get; init; }
}
