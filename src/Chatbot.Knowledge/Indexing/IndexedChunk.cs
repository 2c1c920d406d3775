using Chatbot.Knowledge.Chunking;

namespace Chatbot.Knowledge.Indexing;

/// <summary>A chunk ready to be written: its vector (unit length) and the hash of the text it was computed from.</summary>
internal sealed record IndexedChunk(KnowledgeChunk Chunk, float[] Vector, ulong TextHash);
