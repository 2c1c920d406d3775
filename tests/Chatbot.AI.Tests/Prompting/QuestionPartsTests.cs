using Chatbot.AI.Prompting;

namespace Chatbot.AI.Tests.Prompting;

public sealed class QuestionPartsTests
{
    [Theory]
    [InlineData("How many parameters does GPT-3 have and who made it?", "How many parameters does GPT-3 have", "who made it?")]
    [InlineData("Which paper introduced the transformer, and in what year?", "Which paper introduced the transformer", "in what year?")]
    [InlineData("When did Italy block ChatGPT; when was it restored?", "When did Italy block ChatGPT", "when was it restored?")]
    [InlineData("What is RAG, how does it work?", "What is RAG", "how does it work?")]
    public void Split_TwoQuestionsInOne_ReturnsBothParts(string question, string first, string second)
    {
        Assert.Equal([first, second], QuestionParts.Split(question));
    }

    [Theory]
    [InlineData("How do GANs and diffusion models differ?")]
    [InlineData("What is the transformer, which Google introduced in 2017?")]
    [InlineData("Who made DALL-E and why?")]
    [InlineData("  What is tokenization?  ")]
    public void Split_OneQuestion_ReturnsItWhole(string question)
    {
        Assert.Equal([question.Trim()], QuestionParts.Split(question));
    }

    [Fact]
    public void WithSubject_AddsTheFirstPartsWordsTheLaterPartLacks()
    {
        Assert.Equal("who made it (parameters GPT-3)", QuestionParts.WithSubject("who made it?", "How many parameters does GPT-3 have"));
        Assert.Equal("what is GPT-3?", QuestionParts.WithSubject("what is GPT-3?", "what is GPT-3"));
    }

    [Theory]
    [InlineData("What is a GAN?", "GAN")]
    [InlineData("what's tokenization", "tokenization")]
    [InlineData("Define the context window", "context window")]
    [InlineData("What does RLHF stand for?", "RLHF")]
    [InlineData("What does Topaz Video AI do", "Topaz Video AI")]
    [InlineData("What does hallucination mean?", "hallucination")]
    public void DefinedSubject_DefinitionQuestion_ReturnsWhatItAsksToDefine(string question, string subject) =>
        Assert.Equal(subject, QuestionParts.DefinedSubject(question));

    [Theory]
    [InlineData("What does Adobe say its Firefly models were trained on?")]
    [InlineData("When was GPT-4 released?")]
    [InlineData("How does attention work?")]
    public void DefinedSubject_OtherQuestion_ReturnsNull(string question) =>
        Assert.Null(QuestionParts.DefinedSubject(question));
}
