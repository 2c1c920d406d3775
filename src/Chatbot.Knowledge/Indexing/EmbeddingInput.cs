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

    /// <summary>
    /// The questions a passage of prose is said to answer (doc2query), embedded together; null when it has none. Its
    /// stored vector is the normalised sum of the text's and these questions' vectors, so a question put the way people
    /// ask finds the passage as well as one put in the passage's own words.
    /// </summary>
    public static string? AsksFor(KnowledgeChunk chunk) =>
        chunk.Questions.Count == 0 && chunk.AskedAs.Count > 0 ? string.Join('\n', chunk.AskedAs) : null;

    /// <summary>The hash that identifies a chunk's vector: of its text input and, when it has them, its questions.</summary>
    public static ulong HashOf(KnowledgeChunk chunk) =>
        AsksFor(chunk) is { } asks ? Hash($"{For(chunk)}\n\u0001asks\n{asks}") : Hash(For(chunk));

    /// <summary>Adds the questions' vector to the text's and normalises the sum, in place.</summary>
    public static void Blend(float[] text, ReadOnlySpan<float> asks)
    {
        System.Numerics.Tensors.TensorPrimitives.Add(text, asks, text);
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(text);
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(text, norm, text);
        }
    }

    public static ulong Hash(string text)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
