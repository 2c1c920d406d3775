using System.ComponentModel.DataAnnotations;
using Chatbot.Conversation.Intents;

namespace Chatbot.Conversation.Tests.Intents;

public sealed class IntentOptionsTests
{
    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.55, true)]
    [InlineData(1.0, true)]
    [InlineData(-0.1, false)]
    [InlineData(1.5, false)]
    public void ConfidenceThreshold_IsValidatedAsARange(double threshold, bool valid)
    {
        var options = new IntentOptions { ConfidenceThreshold = threshold };

        var isValid = Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, isValid);
    }

    [Fact]
    public void Defaults_BindToTheIntentsSection()
    {
        Assert.Equal("Intents", IntentOptions.SectionName);
        Assert.Equal(0.7, new IntentOptions().ConfidenceThreshold);
    }
}
