using System.Text;

namespace Chatbot.Knowledge.Text;

/// <summary>Reads and removes [n] citation markers: "[1]", "[1][2]", "[1, 2]", "[1-3]".</summary>
public static class CitationMarkers
{
    /// <summary>Reads one marker starting at <paramref name="start"/> (which must be '[').</summary>
    /// <returns>True when the bracket holds only numbers, commas, dashes and spaces.</returns>
    public static bool TryReadMarker(string text, int start, out int end, out IReadOnlyList<int> numbers)
    {
        ArgumentNullException.ThrowIfNull(text);
        end = start;
        numbers = [];
        if (start < 0 || start >= text.Length || text[start] != '[')
        {
            return false;
        }

        var close = text.IndexOf(']', start + 1);
        if (close < 0 || close - start > 40)
        {
            return false;
        }

        var found = new List<int>();
        foreach (var part in text[(start + 1)..close].Split(',', ';'))
        {
            var item = part.Trim();
            if (item.StartsWith("source", StringComparison.OrdinalIgnoreCase))
            {
                item = item[6..].Trim();
            }

            var dash = item.IndexOfAny(['-', '–']);
            if (dash > 0 && int.TryParse(item[..dash], out var from) && int.TryParse(item[(dash + 1)..], out var to) && to >= from && to - from < 20)
            {
                for (var n = from; n <= to; n++)
                {
                    found.Add(n);
                }
            }
            else if (int.TryParse(item, out var n) && n >= 0 && n < 10_000)
            {
                found.Add(n);
            }
            else
            {
                return false;
            }
        }

        end = close + 1;
        numbers = found;
        return found.Count > 0;
    }

    /// <summary>Removes every marker from <paramref name="text"/> and adds the numbers it named to <paramref name="numbers"/>.</summary>
    public static string Strip(string text, ICollection<int> numbers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(numbers);
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[' && TryReadMarker(text, i, out var end, out var found))
            {
                foreach (var n in found)
                {
                    numbers.Add(n);
                }

                i = end;
                continue;
            }

            builder.Append(text[i]);
            i++;
        }

        return builder.ToString();
    }
}
