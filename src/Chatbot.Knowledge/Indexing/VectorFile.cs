using System.Runtime.InteropServices;
using System.Text;

namespace Chatbot.Knowledge.Indexing;

/// <summary>
/// The binary file that persists the dense vectors: a header (magic, format version, generation,
/// model id, dimensions, row count), the per-row metadata, then the matrix as little-endian floats.
/// </summary>
internal static class VectorFile
{
    private const string Magic = "CBKV";
    private const int FormatVersion = 1;

    public sealed record Contents(long Generation, string ModelId, VectorRow[] Rows, VectorMatrix Matrix);

    public static void Write(string path, long generation, string modelId, IReadOnlyList<VectorRow> rows, VectorMatrix matrix)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The vector file format is little-endian.");
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(Encoding.ASCII.GetBytes(Magic));
        writer.Write(FormatVersion);
        writer.Write(generation);
        writer.Write(modelId);
        writer.Write(matrix.Dimensions);
        writer.Write(rows.Count);
        foreach (var row in rows)
        {
            writer.Write(row.ChunkId);
            writer.Write(row.DocumentId);
            writer.Write(row.Collection);
            writer.Write(row.TextHash);
        }

        writer.Write(MemoryMarshal.AsBytes(matrix.Data.AsSpan()));
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Reads only the generation, to check a file belongs to a Lucene commit.</summary>
    public static long ReadGeneration(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        ReadMagic(reader, path);
        return reader.ReadInt64();
    }

    public static Contents Read(string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The vector file format is little-endian.");
        }

        using var reader = new BinaryReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16), Encoding.UTF8);
        ReadMagic(reader, path);
        var generation = reader.ReadInt64();
        var modelId = reader.ReadString();
        var dimensions = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (dimensions <= 0 || count < 0)
        {
            throw new InvalidDataException($"{path} has an invalid header ({dimensions} dimensions, {count} rows).");
        }

        var rows = new VectorRow[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = new VectorRow(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadUInt64());
        }

        var data = new float[checked(count * dimensions)];
        var bytes = MemoryMarshal.AsBytes(data.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return new Contents(generation, modelId, rows, new VectorMatrix(data, dimensions));
    }

    private static void ReadMagic(BinaryReader reader, string path)
    {
        var magic = reader.ReadBytes(4);
        var version = reader.ReadInt32();
        if (Encoding.ASCII.GetString(magic) != Magic || version != FormatVersion)
        {
            throw new InvalidDataException($"{path} is not a version {FormatVersion} vector file.");
        }
    }
}
