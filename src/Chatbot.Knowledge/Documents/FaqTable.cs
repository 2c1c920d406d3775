using System.Text;

namespace Chatbot.Knowledge.Documents;

/// <summary>
/// Reads a FAQ table: tab- or comma-separated, with a header naming at least <c>Question</c> and <c>Answer</c>, and
/// optionally <c>Source</c>, <c>Metadata</c> and <c>QnaId</c> (the layout Azure AI Language question answering and
/// QnA Maker export). Rows that share a <c>QnaId</c>, or without one the same answer, are one entry asked several ways.
/// Fields may be quoted ("..."), with "" for a quote inside.
/// </summary>
public static class FaqTable
{
    /// <summary>The entries of <paramref name="text"/>, a table separated by <paramref name="separator"/>.</summary>
    /// <exception cref="DocumentFormatException">The header lacks Question or Answer, or a row has a question without an answer.</exception>
    public static List<FaqEntry> Parse(string text, char separator, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = ReadRows(text, separator).Where(r => r.Any(f => f.Length > 0)).ToList();
        if (rows.Count == 0)
        {
            throw new DocumentFormatException(path, "is empty: a FAQ table needs a header with Question and Answer, and rows.");
        }

        var header = rows[0].Select(h => h.Trim()).ToList();
        int Column(string name) => header.FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        var (question, answer, source, metadata, id) = (Column("Question"), Column("Answer"), Column("Source"), Column("Metadata"), Column("QnaId"));
        if (question < 0 || answer < 0)
        {
            throw new DocumentFormatException(path, $"has no {(question < 0 ? "Question" : "Answer")} column: a FAQ table's header names Question and Answer (and optionally Source, Metadata, QnaId).");
        }

        string Field(List<string> row, int column) => column >= 0 && column < row.Count ? row[column].Trim() : string.Empty;
        var entries = new List<(string Key, List<string> Questions, string Answer, string Source, string Metadata)>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            var (q, a) = (Field(row, question), Field(row, answer));
            if (q.Length == 0 && a.Length == 0)
            {
                continue;
            }

            if (q.Length == 0 || a.Length == 0)
            {
                throw new DocumentFormatException(path, $"row {r + 1} has a {(q.Length == 0 ? "answer without a question" : "question without an answer")}.");
            }

            var key = Field(row, id) is { Length: > 0 } qnaId ? "id:" + qnaId : "answer:" + a;
            var existing = entries.FindIndex(e => e.Key == key);
            if (existing >= 0)
            {
                if (!entries[existing].Questions.Contains(q, StringComparer.OrdinalIgnoreCase))
                {
                    entries[existing].Questions.Add(q);
                }
            }
            else
            {
                entries.Add((key, [q], a, Field(row, source), Field(row, metadata)));
            }
        }

        return entries
            .Select(e => new FaqEntry(e.Questions, e.Answer) { Source = e.Source.Length > 0 ? e.Source : null, Metadata = e.Metadata.Length > 0 ? e.Metadata : null })
            .ToList();
    }

    /// <summary>The rows of a delimited text, honouring quoted fields (which may hold separators and line breaks).</summary>
    private static IEnumerable<List<string>> ReadRows(string text, char separator)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
