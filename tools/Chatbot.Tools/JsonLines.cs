using System.Text.Json;

namespace Chatbot.Tools;

/// <summary>Reads question files in JSON Lines, one object a line, reporting the lines it cannot use instead of failing on them.</summary>
public static class JsonLines
{
    /// <summary>
    /// Every non-blank line of <paramref name="files"/> read as <typeparamref name="T"/>. A line that is not JSON,
    /// or that <paramref name="problem"/> rejects, is left out and reported as "file:line: why".
    /// </summary>
    /// <param name="files">The files, read in order.</param>
    /// <param name="problem">What is wrong with an item (null when it is usable).</param>
    /// <param name="options">How to deserialize; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    public static async Task<(List<T> Items, List<string> Problems)> ReadAsync<T>(
        IEnumerable<string> files, Func<T, string?> problem, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(problem);
        var items = new List<T>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            var lineNumber = 0;
            foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var item = JsonSerializer.Deserialize<T>(line, options);
                    var why = item is null ? "the line is JSON null." : problem(item);
                    if (why is null)
                    {
                        items.Add(item!);
                    }
                    else
                    {
                        problems.Add($"{file}:{lineNumber}: {why}");
                    }
                }
                catch (JsonException ex)
                {
                    problems.Add($"{file}:{lineNumber}: invalid JSON ({ex.Message}).");
                }
            }
        }

        return (items, problems);
    }
}
