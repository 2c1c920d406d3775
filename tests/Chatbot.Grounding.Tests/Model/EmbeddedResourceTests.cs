using Chatbot.Grounding.Model;

namespace Chatbot.Grounding.Tests.Model;

public sealed class EmbeddedResourceTests
{
    [Fact]
    public void ReadText_TheShippedGroundingModel_IsItsJson()
    {
        var text = EmbeddedResource.ReadText(typeof(GroundingModel).Assembly, "Chatbot.Grounding.Model.grounding-model.json");

        Assert.StartsWith("{", text.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadText_MissingResource_SaysWhichOne()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmbeddedResource.ReadText(typeof(GroundingModel).Assembly, "Chatbot.Grounding.nothing.json"));

        Assert.Contains("Chatbot.Grounding.nothing.json", error.Message, StringComparison.Ordinal);
    }
}
