namespace Chatbot.Knowledge.Indexing;

/// <summary>Field names of a chunk's Lucene document.</summary>
internal static class LuceneFields
{
    public const string Id = "id";
    public const string DocumentId = "doc";
    public const string Collection = "collection";
    public const string Ordinal = "ordinal";
    public const string Title = "title";
    public const string Section = "section";
    public const string Text = "text";
    public const string Topics = "topics";

    /// <summary>A curated answer's questions, one a line; absent for prose.</summary>
    public const string Questions = "questions";
    /// <summary>The questions a passage of prose is said to answer (doc2query), one a line; absent when none.</summary>
    public const string Asks = "asks";
    /// <summary>The doc2query questions' vectors (<see cref="ChunkSentenceCodec"/>, spans into the joined questions).</summary>
    public const string AskVectors = "askvectors";
    public const string Url = "url";
    public const string Start = "start";
    public const string End = "end";

    /// <summary>The chunk's sentences: spans and 8-bit vectors (<see cref="ChunkSentenceCodec"/>).</summary>
    public const string Sentences = "sentences";
}
