using System.ComponentModel.DataAnnotations;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Documents;

namespace Chatbot.Knowledge;

/// <summary>Settings of the knowledge engine, bound from the <c>Knowledge</c> configuration section.</summary>
public sealed class KnowledgeOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Knowledge";

    /// <summary>Folder of the persisted index (Lucene, vectors, manifest); relative paths resolve against the working directory.</summary>
    [Required]
    public string IndexPath { get; set; } = "data/index";

    /// <summary>Folder of the curated Markdown knowledge base (collection <c>builtin</c>).</summary>
    [Required]
    public string BuiltInPath { get; set; } = "knowledge";

    /// <summary>Folders of pilot documents (collection <c>pilot</c>): Markdown, text, HTML, PDF.</summary>
    public string[] DocumentFolders { get; set; } = [];

    /// <summary>See <see cref="ChunkingOptions.MinWords"/>.</summary>
    [Range(10, 2000)]
    public int ChunkMinWords { get; set; } = 60;

    /// <summary>See <see cref="ChunkingOptions.MaxWords"/>.</summary>
    [Range(20, 4000)]
    public int ChunkMaxWords { get; set; } = 220;

    /// <summary>Passages returned per query unless the caller asks otherwise.</summary>
    /// <remarks>
    /// Six passages, at most four from one document (<see cref="MaxPassagesPerDocument"/>): with five and two,
    /// the passage holding the answer was often a document's third-best (the VQ-VAE in the VAE document,
    /// Jukebox's compression), and 6% of the eval/answers questions had no sentence with their key facts
    /// in reach; with six and four, 3%. Measured with <c>train ranker</c> ("all relevant sentences").
    /// </remarks>
    [Range(1, 100)]
    public int TopK { get; set; } = 6;

    /// <summary>
    /// Most passages one document may contribute to a result (0 = no limit): keeps the top k from
    /// being filled by one long document when a question spans several.
    /// </summary>
    [Range(0, 100)]
    public int MaxPassagesPerDocument { get; set; } = 4;

    /// <summary>
    /// What answers are drawn from when a caller does not say: <c>all</c> (the articles and a pilot's documents), or
    /// <c>pilot</c> (a support pilot's own documents and FAQ only, so that a customer's question about passwords is
    /// never answered from an article on prompt writing), or <c>builtin</c>.
    /// </summary>
    public string SearchCollection { get; set; } = KnowledgeCollections.All;

    /// <summary>Candidates taken from each of BM25 and dense search before fusion.</summary>
    [Range(1, 1000)]
    public int CandidateCount { get; set; } = 50;

    /// <summary>Chunks embedded per model call during ingestion.</summary>
    /// <remarks>
    /// Measured with MiniLM on 2 cores: batches of 8–16 passages are fastest; 32 is slower because
    /// every text in a batch is padded to the longest one.
    /// </remarks>
    [Range(1, 1024)]
    public int EmbeddingBatchSize { get; set; } = 8;

    /// <summary>
    /// How many recently embedded texts the embedding pipeline remembers, so a message many people send is embedded
    /// once (0 turns the cache off). Each entry holds one 384-float vector (1.5 KB).
    /// </summary>
    [Range(0, 1_000_000)]
    public int EmbeddingCacheSize { get; set; } = 1024;

    /// <summary>
    /// At startup, bring the index up to date with <see cref="BuiltInPath"/> and <see cref="DocumentFolders"/>
    /// (only new or changed files are read and embedded). When false, the index is built only if missing.
    /// </summary>
    public bool RefreshOnStartup { get; set; } = true;

    /// <summary>
    /// How often, in seconds, the running bot looks for an index generation written by another process
    /// (<c>ingest PATH</c> from the command line) and loads it; 0 turns the check off.
    /// </summary>
    [Range(0, 86_400)]
    public int ReloadCheckSeconds { get; set; } = 10;

    /// <summary>The chunker settings these options describe.</summary>
    public ChunkingOptions ToChunkingOptions() => new() { MinWords = ChunkMinWords, MaxWords = ChunkMaxWords };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ChunkMinWords > ChunkMaxWords)
        {
            yield return new ValidationResult(
                $"{nameof(ChunkMinWords)} ({ChunkMinWords}) must not exceed {nameof(ChunkMaxWords)} ({ChunkMaxWords}).",
                [nameof(ChunkMinWords), nameof(ChunkMaxWords)]);
        }

        if (!KnowledgeCollections.IsAll(SearchCollection)
            && !string.Equals(SearchCollection, KnowledgeCollections.Pilot, StringComparison.OrdinalIgnoreCase)
            && !string.Equals(SearchCollection, KnowledgeCollections.BuiltIn, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"{nameof(SearchCollection)} must be '{KnowledgeCollections.All}', '{KnowledgeCollections.Pilot}' or '{KnowledgeCollections.BuiltIn}', not '{SearchCollection}'.",
                [nameof(SearchCollection)]);
        }

        if (CandidateCount < TopK)
        {
            yield return new ValidationResult(
                $"{nameof(CandidateCount)} ({CandidateCount}) must be at least {nameof(TopK)} ({TopK}).",
                [nameof(CandidateCount), nameof(TopK)]);
        }

        if (DocumentFolders.Any(string.IsNullOrWhiteSpace))
        {
            yield return new ValidationResult($"{nameof(DocumentFolders)} must not contain empty paths.", [nameof(DocumentFolders)]);
        }
    }
}
