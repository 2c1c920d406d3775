using System.Globalization;
using System.Text;
using System.Text.Json;
using Chatbot.Grounding;

namespace Chatbot.AI.Grounding;

/// <summary>
/// Reads the judge model's reply. Models asked for JSON still wrap it in code fences, add a sentence before or after,
/// answer with a bare array or an object keyed by id, or misspell a label; what can be read is kept, the rest is dropped.
/// Nothing here throws on bad input: a reply with nothing usable gives no verdicts.
/// </summary>
public static class JudgeReplyParser
{
    /// <summary>The longest reason kept; a model that writes an essay is cut, the user sees a line.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>How many candidate JSON values a reply is searched for before giving up.</summary>
    private const int MaxCandidates = 16;

    private static readonly JsonDocumentOptions s_json = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 };

    /// <summary>
    /// The verdicts in <paramref name="reply"/> for the ids in <paramref name="expectedIds"/>, in reply order, at most one
    /// per id (the first). Unknown ids, unknown labels and entries without an id are ignored.
    /// </summary>
    public static IReadOnlyList<JudgeVerdict> Parse(string? reply, IReadOnlyCollection<string> expectedIds)
    {
        ArgumentNullException.ThrowIfNull(expectedIds);
        if (string.IsNullOrWhiteSpace(reply) || expectedIds.Count == 0)
        {
            return [];
        }

        var known = new HashSet<string>(expectedIds, StringComparer.OrdinalIgnoreCase);
        var candidates = 0;
        for (var start = reply.IndexOfAny(['{', '[']); start >= 0 && candidates < MaxCandidates; start = reply.IndexOfAny(['{', '['], start + 1))
        {
            if (EndOfValue(reply, start) is not int end)
            {
                continue;
            }

            candidates++;
            List<JudgeVerdict>? verdicts = null;
            try
            {
                using var document = JsonDocument.Parse(reply.AsMemory(start, end - start + 1), s_json);
                verdicts = Read(document.RootElement, known);
            }
            catch (JsonException)
            {
                // Not JSON after all (a bracket in prose, or broken JSON): try the next opening bracket.
            }

            if (verdicts is { Count: > 0 })
            {
                return verdicts;
            }
        }

        return [];
    }

    /// <summary>The index of the bracket that closes the one at <paramref name="start"/>, skipping brackets inside strings.</summary>
    private static int? EndOfValue(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }
        }

        return null;
    }

    private static List<JudgeVerdict> Read(JsonElement root, HashSet<string> known)
    {
        var verdicts = new List<JudgeVerdict>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, entry) in Entries(root))
        {
            if (id is null || !known.TryGetValue(id, out var expected) || !seen.Add(expected))
            {
                continue;
            }

            // An id with an unreadable label counts as answered: a later duplicate does not get a second chance.
            if (ReadVerdict(entry, expected) is { } verdict)
            {
                verdicts.Add(verdict);
            }
        }

        return verdicts;
    }

    /// <summary>
    /// The (id, entry) pairs of the shapes models reply with: <c>{"verdicts": [...]}</c> (or any property holding the
    /// array), a bare array, a single entry, or an object keyed by id (<c>{"s1": {...}}</c> or <c>{"s1": "supported"}</c>).
    /// </summary>
    private static IEnumerable<(string? Id, JsonElement Entry)> Entries(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            return root.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => (IdOf(e), e));
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        if (IdOf(root) is not null)
        {
            return [(IdOf(root), root)];
        }

        var array = root.EnumerateObject().FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object));
        if (array.Value.ValueKind == JsonValueKind.Array)
        {
            return Entries(array.Value);
        }

        return root.EnumerateObject()
            .Where(p => p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.String)
            .Select(p => ((string?)p.Name, p.Value));
    }

    private static string? IdOf(JsonElement entry)
    {
        if (!TryGetProperty(entry, "id", out var id))
        {
            return null;
        }

        return id.ValueKind switch
        {
            JsonValueKind.String => id.GetString()?.Trim(),

            // A model that numbers the sentences itself writes 1 for "s1".
            JsonValueKind.Number when id.TryGetInt32(out var n) => "s" + n.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static JudgeVerdict? ReadVerdict(JsonElement entry, string id)
    {
        if (entry.ValueKind == JsonValueKind.String)
        {
            return Label(entry.GetString()) is { } bare ? new JudgeVerdict(id, bare, null, "") : null;
        }

        var label = TryGetProperty(entry, "verdict", out var v) || TryGetProperty(entry, "label", out v) || TryGetProperty(entry, "status", out v)
            ? v.ValueKind == JsonValueKind.String ? Label(v.GetString()) : null
            : null;
        if (label is not { } verdict)
        {
            return null;
        }

        var source = TryGetProperty(entry, "source", out var s) ? SourceOf(s) : null;
        var reason = TryGetProperty(entry, "reason", out var r) && r.ValueKind == JsonValueKind.String ? Clean(r.GetString()) : "";
        return new JudgeVerdict(id, verdict, source, reason);
    }

    /// <summary>The verdict a label names; the model's spelling varies ("Supported", "not supported", "contradicts").</summary>
    internal static GroundingVerdict? Label(string? label)
    {
        var words = new string((label ?? "").Trim().ToLowerInvariant().Select(c => char.IsLetter(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var joined = string.Concat(words);
        if (joined.StartsWith("contradict", StringComparison.Ordinal))
        {
            return GroundingVerdict.Contradicted;
        }

        if (joined.StartsWith("unsupported", StringComparison.Ordinal) || joined.StartsWith("notsupported", StringComparison.Ordinal)
            || joined.StartsWith("nosupport", StringComparison.Ordinal) || joined is "unverified" or "notfound" or "notmentioned")
        {
            return GroundingVerdict.Unsupported;
        }

        return joined is "supported" or "support" or "supports" ? GroundingVerdict.Supported : null;
    }

    /// <summary>A source number written as 2, "2", "[2]" or "source 2"; null for null, 0, negatives and anything else.</summary>
    private static int? SourceOf(JsonElement source)
    {
        int n;
        switch (source.ValueKind)
        {
            case JsonValueKind.Number when source.TryGetInt32(out n):
                break;
            case JsonValueKind.String:
                var digits = new string((source.GetString() ?? "").Where(char.IsAsciiDigit).Take(6).ToArray());
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out n))
                {
                    return null;
                }

                break;
            case JsonValueKind.Array:
                return source.EnumerateArray().Select(SourceOf).FirstOrDefault(x => x is not null);
            default:
                return null;
        }

        return n > 0 ? n : null;
    }

    /// <summary>One line, no control characters, at most <see cref="MaxReasonLength"/> characters.</summary>
    private static string Clean(string? reason)
    {
        var text = new StringBuilder(Math.Min(reason?.Length ?? 0, MaxReasonLength + 1));
        var space = false;
        foreach (var c in (reason ?? "").Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = text.Length > 0;
                continue;
            }

            if (space)
            {
                text.Append(' ');
                space = false;
            }

            text.Append(c);
            if (text.Length > MaxReasonLength)
            {
                break;
            }
        }

        return text.Length > MaxReasonLength ? text.ToString(0, MaxReasonLength - 1).TrimEnd() + "…" : text.ToString();
    }

    private static bool TryGetProperty(JsonElement entry, string name, out JsonElement value)
    {
        if (entry.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in entry.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }
}
