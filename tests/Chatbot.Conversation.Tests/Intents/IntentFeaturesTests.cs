using Chatbot.AI.Understanding;
using Chatbot.Conversation.Intents;
using Chatbot.Knowledge.Chunking;
using Chatbot.Knowledge.Retrieval;

namespace Chatbot.Conversation.Tests.Intents;

public sealed class IntentFeaturesTests
{
    // Made-up products: the names come from the documents found, not from a list in the code.
    private static readonly RetrievedPassage[] s_found =
    [
        Passage("zorblax", "Zorblax Studio", "zorblax", "image engine"),
        Passage("zorblax", "Zorblax Studio", "zorblax", "image engine"),
        Passage("quillon-7", "Quillon-7", "quillon", "q7"),
        Passage("mirrowave", "Mirrowave", "mirrowave"),
    ];

    [Theory]
    [InlineData("is zorblax basically quillon with a nicer ui", 2)]
    [InlineData("Zorblax Studio next to Quillon-7, anything major?", 2)]
    [InlineData("zorblax next to q7", 1)]
    [InlineData("what can zorblax do", 1)]
    [InlineData("how do image engines work", 0)]
    [InlineData("zorblaxes everywhere", 0)]
    [InlineData("zorblax, quillon and mirrowave: which one?", 2)]
    public void SubjectsNamed_CountsTheFoundDocumentsTheMessageNames(string message, int expected) =>
        Assert.Equal(expected, IntentFeatures.SubjectsNamed(message, s_found));

    [Fact]
    public void SubjectsNamed_NothingFound_IsZero() =>
        Assert.Equal(0, IntentFeatures.SubjectsNamed("is zorblax like quillon", []));

    [Theory]
    [InlineData("great answer, but what does zorblax do to numbers?", true)]
    [InlineData("thanks! and how is zorblax different from quillon?", true)]
    [InlineData("great answer, really clear", false)]
    [InlineData("what does zorblax do?", false)]
    public void CourtesyThenQuestion_IsMeasured(string message, bool expected)
    {
        var features = IntentFeatures.Default;
        var index = features.TextFeatureNames.ToList().IndexOf("courtesyThenQuestion");
        var analysis = new MessageAnalysis { Text = message, Normalized = message, Vector = new float[4] };

        Assert.Equal(expected ? 1 : 0, features.Measure(analysis, [])[index]);
    }

    private static RetrievedPassage Passage(string document, string title, params string[] topics) => new(
        new KnowledgeChunk
        {
            Id = KnowledgeChunk.CreateId(document, 0),
            DocumentId = document,
            Ordinal = 0,
            Title = title,
            Url = $"https://example.com/{document}",
            Collection = "test",
            Section = "Overview",
            Start = 0,
            End = 10,
            Text = "Some text.",
            Topics = topics,
        },
        1.0);
}
