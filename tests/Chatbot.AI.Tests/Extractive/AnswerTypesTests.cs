using Chatbot.AI.Extractive;

namespace Chatbot.AI.Tests.Extractive;

public sealed class AnswerTypesTests
{
    [Theory]
    [InlineData("How does a diffusion model work?")]
    [InlineData("how do vision models understand images")]
    [InlineData("Why do RNNs forget?")]
    [InlineData("Can you explain how retrieval-augmented generation works?")]
    public void AsksHowOrWhy_Explanations_Match(string question) => Assert.Matches(AnswerTypes.AsksHowOrWhy(), question);

    [Theory]
    [InlineData("How long did OpenAI spend on evaluation and alignment work before releasing GPT-4?")]
    [InlineData("How many people worked on the model?")]
    [InlineData("When was GPT-4 released?")]
    [InlineData("What is homework help with AI?")]
    public void AsksHowOrWhy_Facts_DoNotMatch(string question) => Assert.DoesNotMatch(AnswerTypes.AsksHowOrWhy(), question);

    [Theory]
    [InlineData("Who proposed the transformer?")]
    [InlineData("Which researchers first proposed variational autoencoders?")]
    [InlineData("What company is behind the Udio music generator?")]
    [InlineData("which startup makes udio")]
    [InlineData("Which EU body supervises general-purpose AI models?")]
    public void AsksWho_QuestionsAboutPeopleAndMakers_Match(string question) => Assert.Matches(AnswerTypes.AsksWho(), question);

    [Theory]
    [InlineData("What does the company behind Udio sell?")]
    [InlineData("What training method turned GPT-3.5 into ChatGPT?")]
    public void AsksWho_OtherQuestionsNamingACompany_DoNotMatch(string question) => Assert.DoesNotMatch(AnswerTypes.AsksWho(), question);
}
