using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;

namespace Chatbot.AI.Tests.Extractive;

public sealed class AnswerLengthTests
{
    [Theory]
    [InlineData(new double[] { 3, -2, -2, -2, -2, -2, -2, -2 }, 3)] // one sure sentence: the shortest answer
    [InlineData(new double[] { 1, 0.5, 0.2, 0, -0.2, -3, -3 }, 5)] // five at 0.45 or more
    [InlineData(new double[] { 2, 2, 2, 2, 2, 2, 2, 2, 2 }, 6)] // never past the most
    [InlineData(new double[] { }, 3)]
    public void Sentences_CountsConfidentScores_BetweenTheFewestAndTheMost(double[] scores, int expected)
    {
        Assert.Equal(expected, new AnswerLength(3, 6, 0.45).Sentences(scores));
    }

    [Fact]
    public void Fixed_IgnoresTheScores()
    {
        Assert.Equal(4, AnswerLength.Fixed(4).Sentences([5, 5, 5, 5, 5, 5, 5]));
        Assert.Equal(4, AnswerLength.Fixed(4).Sentences([-5]));
    }

    [Fact]
    public void For_BeginnersGetShorterAnswersThanExperts()
    {
        var (beginner, standard, expert) = (AnswerLength.For(AnswerStyle.Beginner), AnswerLength.For(AnswerStyle.Standard), AnswerLength.For(AnswerStyle.Expert));

        Assert.True(beginner.Max <= standard.Min + 1 && standard.Max <= expert.Max, $"{beginner} {standard} {expert}");
        Assert.True(beginner.Min < standard.Min && standard.Min < expert.Min, $"{beginner} {standard} {expert}");
    }

    [Fact]
    public void Sentences_ShortSentences_QuoteMoreOfThemUpToTheMaximum()
    {
        var standard = AnswerLength.For(AnswerStyle.Standard);
        double[] unsure = [-5, -5, -5, -5, -5, -5, -5, -5];

        Assert.Equal(standard.Min, standard.Sentences(unsure, wordsPerSentence: 30));
        Assert.Equal((int)Math.Ceiling(standard.MinWords / 14.0), standard.Sentences(unsure, wordsPerSentence: 14));
        Assert.Equal(standard.Max, standard.Sentences(unsure, wordsPerSentence: 2));
        Assert.Equal(2, AnswerLength.For(AnswerStyle.Beginner).Sentences(unsure, wordsPerSentence: 5));
    }
}
