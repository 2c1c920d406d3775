using System.Buffers.Binary;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Text;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// Packs a chunk's sentences into the bytes stored with its Lucene document: spans, and each vector
/// quantized to 8 bits with one scale (as the chunk vectors are pre-selected), a quarter of the floats' size.
/// Stored fields are read only for the passages a query returns, so the sentences cost no heap in between.
/// </summary>
/// <remarks>Layout, little-endian: dimensions (int), count (int), then per sentence start (int), length (int), scale (float), then count × dimensions signed bytes.</remarks>
internal static class ChunkSentenceCodec
{
    private const int HeaderBytes = 8;
    private const int SpanBytes = 12;

    public static byte[] Encode(IReadOnlyList<ChunkSentence> sentences, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var bytes = new byte[HeaderBytes + (sentences.Count * (SpanBytes + dimensions))];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteInt32LittleEndian(span, dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], sentences.Count);
        var vectors = HeaderBytes + (sentences.Count * SpanBytes);
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            if (sentence.Vector.Length != dimensions)
            {
                throw new InvalidOperationException($"A sentence has a {sentence.Vector.Length}-dimensional vector; the index uses {dimensions}.");
            }

            var at = HeaderBytes + (i * SpanBytes);
            var quantized = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(span.Slice(vectors + (i * dimensions), dimensions));
            var scale = QuantizedRows.Quantize(sentence.Vector.Span, quantized);
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], sentence.Start);
            BinaryPrimitives.WriteInt32LittleEndian(span[(at + 4)..], sentence.Length);
            BinaryPrimitives.WriteSingleLittleEndian(span[(at + 8)..], scale);
        }

        return bytes;
    }

    /// <summary>The sentences of <paramref name="chunkText"/> stored in <paramref name="bytes"/>, vectors restored to unit length.</summary>
    /// <exception cref="InvalidDataException">The bytes are not sentences of this chunk.</exception>
    public static ChunkSentence[] Decode(ReadOnlySpan<byte> bytes, string chunkText)
    {
        if (bytes.Length < HeaderBytes)
        {
            throw new InvalidDataException("A chunk's stored sentences are truncated.");
        }

        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (dimensions <= 0 || count < 0 || bytes.Length != HeaderBytes + ((long)count * (SpanBytes + dimensions)))
        {
            throw new InvalidDataException($"A chunk's stored sentences have an invalid header ({count} sentences of {dimensions} dimensions in {bytes.Length} bytes).");
        }

        var sentences = new ChunkSentence[count];
        var vectors = HeaderBytes + (count * SpanBytes);
        for (var i = 0; i < count; i++)
        {
            var at = HeaderBytes + (i * SpanBytes);
            var start = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[(at + 4)..]);
            var scale = BinaryPrimitives.ReadSingleLittleEndian(bytes[(at + 8)..]);
            if (start < 0 || length <= 0 || start + length > chunkText.Length)
            {
                throw new InvalidDataException($"A stored sentence span [{start}, {start + length}) lies outside its chunk of {chunkText.Length} characters.");
            }

            var quantized = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.Slice(vectors + (i * dimensions), dimensions));
            var vector = new float[dimensions];
            var inverse = scale == 0 ? 0 : 1 / scale;
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] = quantized[d] * inverse;
            }

            VectorMatrix.Normalize(vector);
            sentences[i] = new ChunkSentence(start, length, SentenceSplitter.TextOf(chunkText, start, length), vector);
        }

        return sentences;
    }
}
