using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>
/// The fifth of the RAGTruth QA questions kept out of training, cross-validation and threshold tuning, and
/// scored once at the end of a piece of work. A whole question (every model's answer to one source) is either
/// set aside or not. The choice depends only on the source ids: they are ordered by the SHA-256 of their UTF-8
/// text (as lowercase hex) and the first fifth, rounded up, is set aside. The committed list
/// (eval/ragtruth/set-aside.txt) is what training and evaluation read, so a change to the data cannot move it silently.
/// </summary>
public sealed class RagTruthSetAside
{
    private readonly HashSet<string> _sourceIds;

    /// <summary>Creates a set-aside of the given source ids.</summary>
    public RagTruthSetAside(IEnumerable<string> sourceIds)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        _sourceIds = new HashSet<string>(sourceIds, StringComparer.Ordinal);
    }

    /// <summary>The source ids set aside.</summary>
    public IReadOnlyCollection<string> SourceIds => _sourceIds;

    /// <summary>Chooses the first <c>1/fraction</c> (rounded up) of the distinct <paramref name="sourceIds"/> in SHA-256 order.</summary>
    public static RagTruthSetAside Choose(IEnumerable<string> sourceIds, int fraction = 5)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 2);
        var distinct = sourceIds.Distinct(StringComparer.Ordinal).ToList();
        var count = (distinct.Count + fraction - 1) / fraction;
        return new RagTruthSetAside(distinct.OrderBy(Hash, StringComparer.Ordinal).ThenBy(s => s, StringComparer.Ordinal).Take(count));
    }

    /// <summary>The lowercase hex SHA-256 of the id's UTF-8 bytes: the order <see cref="Choose"/> takes ids in.</summary>
    public static string Hash(string sourceId)
    {
        ArgumentNullException.ThrowIfNull(sourceId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)));
    }

    /// <summary>Reads a list: one source id a line; blank lines and lines starting with '#' are ignored.</summary>
    public static RagTruthSetAside Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RagTruthSetAside(text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#')));
    }

    /// <summary>Reads a list file (see <see cref="Parse"/>).</summary>
    public static async Task<RagTruthSetAside> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>True when the record's question is set aside.</summary>
    public bool Contains(RagTruthRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return _sourceIds.Contains(record.Group);
    }

    /// <summary>Splits records into those that may be trained on and those set aside.</summary>
    public (IReadOnlyList<RagTruthRecord> Development, IReadOnlyList<RagTruthRecord> SetAside) Split(IEnumerable<RagTruthRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var development = new List<RagTruthRecord>();
        var setAside = new List<RagTruthRecord>();
        foreach (var record in records)
        {
            (Contains(record) ? setAside : development).Add(record);
        }

        return (development, setAside);
    }

    /// <summary>The list file's text: a header saying how it was chosen, then the ids in SHA-256 order.</summary>
    public string ToText(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var builder = new StringBuilder();
        foreach (var line in header.Split('\n'))
        {
            builder.Append("# ").AppendLine(line.TrimEnd());
        }

        foreach (var id in _sourceIds.OrderBy(Hash, StringComparer.Ordinal))
        {
            builder.AppendLine(id.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
