using System.Text.Json;

namespace Chatbot.Tools.Tests.Evaluation.Grounding;

/// <summary>Builds tiny RAGTruth JSONL files for tests.</summary>
internal static class RagTruthFiles
{
    public const string Passages = "passage 1:The Eiffel Tower is in Paris. It was completed in 1889.\n\npassage 2:The Eiffel Tower is 330 metres tall.\n\n";

    public static string Line(string id, string response, bool hallucinated, params string[] hallucinatedSentences)
        => JsonSerializer.Serialize(new
        {
            id,
            question = "tell me about the eiffel tower " + id,
            passages = Passages,
            response,
            hallucinated,
            spans = hallucinatedSentences.Select(s => new { start = response.IndexOf(s, StringComparison.Ordinal), end = response.IndexOf(s, StringComparison.Ordinal) + s.Length, label_type = "Evident Baseless Info" }),
            model = "test-model",
        });

    /// <summary>One true negative, one true positive, one false positive, one false negative, then a broken line and a line without "response".</summary>
    public static string[] Mixed() =>
    [
        Line("a", "The Eiffel Tower is in Paris. It was completed in 1889.", false),
        Line("b", "The Eiffel Tower is in Paris. Its architect also designed the Sydney Opera House.", true, "Its architect also designed the Sydney Opera House."),
        Line("c", "The Eiffel Tower is 330 metres tall. Visitors love climbing its stairs every summer.", false),
        Line("d", "The Eiffel Tower is in Paris.", true, "The Eiffel Tower is in Paris."),
        "{not json",
        """{"id":"e","question":"q","passages":"passage 1:x","hallucinated":false,"spans":[]}""",
    ];
}
