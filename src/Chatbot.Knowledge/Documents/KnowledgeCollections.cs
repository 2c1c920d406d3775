namespace Chatbot.Knowledge.Documents;

/// <summary>
/// The names of the document collections: the curated knowledge base ships as <see cref="BuiltIn"/>,
/// documents from the configured pilot folders are <see cref="Pilot"/>.
/// </summary>
public static class KnowledgeCollections
{
    /// <summary>The curated Markdown knowledge base that ships with the bot.</summary>
    public const string BuiltIn = "builtin";

    /// <summary>Documents a pilot customer adds from <c>Knowledge:DocumentFolders</c>.</summary>
    public const string Pilot = "pilot";

    /// <summary>Accepted as a filter value meaning "every collection".</summary>
    public const string All = "all";

    /// <summary>True when <paramref name="collection"/> asks for no filtering (null, empty or <see cref="All"/>).</summary>
    public static bool IsAll(string? collection) =>
        string.IsNullOrWhiteSpace(collection) || string.Equals(collection, All, StringComparison.OrdinalIgnoreCase);
}
