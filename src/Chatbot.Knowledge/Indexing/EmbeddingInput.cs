using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Chatbot.Knowledge.Chunking;

namespace Chatbot.Knowledge.Indexing;

/// <summary>What text a chunk's vector is computed from, and its hash for reusing vectors of unchanged text.</summary>
internal static class EmbeddingInput
{
    /// <summary>The title and section give a short passage the context the embedding model needs.</summary>
    /// A curated answer is found by the questions it answers, so those are what its vector holds.
    public static string For(KnowledgeChunk chunk) => chunk.Questions.Count > 0
        ? string.Join('\n', chunk.Questions)
        : chunk.Section.Length == 0
        ? $"{chunk.Title}\n{chunk.Text}"
        : $"{chunk.Title}: {chunk.Section}\n{chunk.Text}";

    public static ulong Hash(string text)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
