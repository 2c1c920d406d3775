namespace Chatbot.Knowledge.Indexing;

/// <summary>What the vector file records about the chunk in one row.</summary>
/// <param name="ChunkId">The chunk's id.</param>
/// <param name="DocumentId">The document the chunk belongs to.</param>
/// <param name="Collection">The chunk's collection.</param>
/// <param name="TextHash">Hash of the text that was embedded, so unchanged text is never embedded twice.</param>
internal readonly record struct VectorRow(string ChunkId, string DocumentId, string Collection, ulong TextHash);
