using System.Text.Json;

namespace Chatbot.Tools.Evaluation.Grounding;

/// <summary>
/// Reads RAGTruth JSONL (one response per line). A line that is not JSON or lacks a field is
/// reported with its line number and skipped; it never stops the read.
/// </summary>
public static class RagTruthReader
{
    /// <summary>Reads a JSONL file.</summary>
    public static async Task<(IReadOnlyList<RagTruthRecord> Records, IReadOnlyList<RagTruthProblem> Problems)> ReadAsync(
        string path,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path);
        return await ReadAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads JSONL from <paramref name="reader"/>.</summary>
    public static async Task<(IReadOnlyList<RagTruthRecord> Records, IReadOnlyList<RagTruthProblem> Problems)> ReadAsync(
        TextReader reader,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<RagTruthRecord>();
        var problems = new List<RagTruthProblem>();
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (TryParse(line, number, out var record, out var problem))
            {
                records.Add(record);
            }
            else
            {
                problems.Add(new RagTruthProblem(number, problem));
            }
        }

        return (records, problems);
    }

    /// <summary>Parses one JSONL line.</summary>
    public static bool TryParse(string line, int lineNumber, out RagTruthRecord record, out string problem)
    {
        ArgumentNullException.ThrowIfNull(line);
        record = null!;
        problem = string.Empty;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "not a JSON object";
                return false;
            }

            if (!TryString(root, "question", out var question, ref problem)
                || !TryString(root, "passages", out var passages, ref problem)
                || !TryString(root, "response", out var response, ref problem))
            {
                return false;
            }

            if (!root.TryGetProperty("hallucinated", out var hallucinated) || hallucinated.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                problem = "missing or non-boolean field 'hallucinated'";
                return false;
            }

            if (!root.TryGetProperty("spans", out var spansElement) || spansElement.ValueKind != JsonValueKind.Array)
            {
                problem = "missing or non-array field 'spans'";
                return false;
            }

            var spans = new List<RagTruthSpan>();
            foreach (var span in spansElement.EnumerateArray())
            {
                if (span.ValueKind != JsonValueKind.Object
                    || !span.TryGetProperty("start", out var start) || !start.TryGetInt32(out var s)
                    || !span.TryGetProperty("end", out var end) || !end.TryGetInt32(out var e) || e < s)
                {
                    problem = "a span lacks integer 'start' and 'end'";
                    return false;
                }

                var label = span.TryGetProperty("label_type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : string.Empty;
                spans.Add(new RagTruthSpan(s, e, label));
            }

            var id = root.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString()! : $"line {lineNumber}";
            var model = root.TryGetProperty("model", out var modelElement) && modelElement.ValueKind == JsonValueKind.String ? modelElement.GetString() : null;
            record = new RagTruthRecord(id, question, passages, response, hallucinated.GetBoolean(), spans, model)
            {
                SourceId = OptionalString(root, "source_id"),
                Task = OptionalString(root, "task"),
            };
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"not valid JSON: {ex.Message}";
            return false;
        }
    }

    private static string? OptionalString(JsonElement root, string name)
        => root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } value ? value : null;

    private static bool TryString(JsonElement root, string name, out string value, ref string problem)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        value = string.Empty;
        problem = $"missing or non-string field '{name}'";
        return false;
    }
}
