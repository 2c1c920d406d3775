using System.Text.Json;
using Chatbot.Grounding.Model;

namespace Chatbot.Conversation.Intents;

/// <summary>
/// The labelled example messages that <c>train intents</c> fits the <see cref="IntentModel"/> to (with the development
/// messages under <c>eval/intents/</c>), read from the embedded <c>intent-examples.jsonl</c>, one
/// <c>{"text": "…", "intent": "Ask"}</c> per line. Their words are also the spelling dictionary of <see cref="UtteranceNormalizer"/>.
/// </summary>
/// <remarks>
/// Never copy lines of a held-out file (<c>eval/intents/heldout*.jsonl</c>) here: those files measure how well the model
/// generalises. Questions that merely use a command's words ("what is a reset gate?") are labelled
/// <see cref="Intent.Ask"/> so that the model learns to tell them from the command.
/// </remarks>
public static class IntentExamples
{
    private const string ResourceName = "Chatbot.Conversation.Intents.intent-examples.jsonl";

    /// <summary>Every example, in file order.</summary>
    public static IReadOnlyList<IntentExample> All { get; } = Parse(EmbeddedResource.ReadText(typeof(IntentExamples).Assembly, ResourceName));

    /// <summary>Reads examples from JSON lines (blank lines skipped).</summary>
    /// <exception cref="FormatException">A line is not an example with a known intent.</exception>
    public static IReadOnlyList<IntentExample> Parse(string jsonLines)
    {
        ArgumentNullException.ThrowIfNull(jsonLines);
        var examples = new List<IntentExample>();
        var number = 0;
        foreach (var line in jsonLines.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var text = document.RootElement.GetProperty("text").GetString();
                var intent = document.RootElement.GetProperty("intent").GetString();
                if (string.IsNullOrWhiteSpace(text) || !Enum.TryParse<Intent>(intent, out var parsed))
                {
                    throw new FormatException($"Line {number} needs a text and a known intent.");
                }

                examples.Add(new IntentExample(parsed, text.Trim()));
            }
            catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"Line {number} is not an intent example: {exception.Message}", exception);
            }
        }

        return examples;
    }
}
