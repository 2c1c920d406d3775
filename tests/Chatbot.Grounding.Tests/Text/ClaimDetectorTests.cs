using Chatbot.Grounding.Text;

namespace Chatbot.Grounding.Tests.Text;

public sealed class ClaimDetectorTests
{
    [Theory]
    [InlineData("I don't know.")]
    [InlineData("The sources do not cover this.")]
    [InlineData("The provided passages do not mention the release date.")]
    [InlineData("Hello!")]
    [InlineData("Thanks for asking.")]
    [InlineData("What else would you like to know?")]
    [InlineData("Here are the main steps:")]
    [InlineData("I hope this helps.")]
    [InlineData("This information can be found in passage 3.")]
    [InlineData("Based on the given passages, the answer to the question \"how long do records last\" is summarized above.")]
    public void IsClaim_NonClaims_AreFalse(string sentence) => Assert.False(ClaimDetector.IsClaim(sentence));

    [Theory]
    [InlineData("Transformers were introduced in 2017.")]
    [InlineData("GANs do not use a decoder.")]
    [InlineData("1. Bake for 30 minutes.")]
    public void IsClaim_Statements_AreTrue(string sentence) => Assert.True(ClaimDetector.IsClaim(sentence));
}
