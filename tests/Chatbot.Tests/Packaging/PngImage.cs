using System.Buffers.Binary;
using System.IO.Compression;

namespace Chatbot.Tests.Packaging;

/// <summary>
/// Reads the 8-bit RGBA PNGs that deploy/teams/make-icons.py writes (every row with filter 0), enough
/// to check an icon's size and colours without an imaging library.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly byte[] _rgba;

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixel at (x, y) as red, green, blue, alpha.</summary>
    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 4;
            return (_rgba[i], _rgba[i + 1], _rgba[i + 2], _rgba[i + 3]);
        }
    }

    public static PngImage Read(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!file.AsSpan(0, 8).SequenceEqual(s_signature))
        {
            throw new InvalidDataException("Not a PNG file.");
        }

        int width = 0, height = 0;
        using var idat = new MemoryStream();
        for (var offset = 8; offset < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
            var type = System.Text.Encoding.ASCII.GetString(file, offset + 4, 4);
            var data = file.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                if (data[8] != 8 || data[9] != 6)
                {
                    throw new InvalidDataException($"Expected 8-bit RGBA, found bit depth {data[8]} and colour type {data[9]}.");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = (width * 4) + 1;
        if (raw.Length != stride * height)
        {
            throw new InvalidDataException($"Expected {stride * height} bytes of pixel data, found {raw.Length}.");
        }

        var rgba = new byte[width * height * 4];
        for (var row = 0; row < height; row++)
        {
            if (raw[row * stride] != 0)
            {
                throw new InvalidDataException($"Row {row} uses PNG filter {raw[row * stride]}; make-icons.py writes filter 0 only.");
            }

            Array.Copy(raw, (row * stride) + 1, rgba, row * width * 4, width * 4);
        }

        return new PngImage(width, height, rgba);
    }
}
