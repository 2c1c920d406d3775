using Chatbot.AI.Extractive;
using Chatbot.AI.Extractive.Candidates;
using Chatbot.AI.Extractive.Ranking;

namespace Chatbot.AI.Tests.Extractive.Ranking;

public sealed class SentenceFeatureExtractorTests
{
    [Fact]
    public void Measure_PassageFeatures_ReadTheSentencesAroundIt()
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("The Zorblax hums loudly in the garden lab.", source: 1, index: 0, dense: 0.8),
            Candidate("Its humming scares the birds in the garden.", source: 1, index: 1, dense: 0.3),
            Candidate("The birds come back when the lab is quiet.", source: 1, index: 2, dense: 0.5),
            Candidate("The Quibble rattles in the shed of the farm.", source: 2, index: 0, dense: 0.6),
        ];
        var extractor = new SentenceFeatureExtractor("Why is the Zorblax so loud?", candidates);

        var second = extractor.Measure(1);
        var third = extractor.Measure(2);
        var other = extractor.Measure(3);

        Assert.Equal(0.8, second.PreviousDense);
        Assert.Equal(0.8, third.PreviousDense);
        Assert.Equal(1, third.AfterBest);
        Assert.Equal(0.8, third.PassageBest);
        Assert.Equal(0.6, other.PassageBest);
        Assert.Equal(0, other.PreviousDense);
        Assert.Equal(0, other.AfterBest);
        Assert.Equal(0.6 - 0.8, other.DenseGap, 12);
        Assert.Equal(0.5, third.Dense);
    }

    [Theory]
    [InlineData("Why is the Zorblax so loud?", 1)]
    [InlineData("Where is the Zorblax kept?", 0)]
    public void Measure_ExplainingFeatures_CountOnlyForAHowOrWhyQuestion(string question, int explains)
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("The Zorblax hums loudly in the garden lab.", index: 0, dense: 0.8),
            Candidate("Its humming scared Anna Berg in Tromsø in May 2031.", index: 1, dense: 0.3),
        ];

        var features = new SentenceFeatureExtractor(question, candidates).Measure(1);

        Assert.Equal(0.8 * explains, features.ExplainsAfter);
        Assert.Equal(1.0 * explains, features.ExplainsAfterBest);
        Assert.Equal(features.Specific * explains, features.ExplainsSpecific);
        Assert.True(features.Specific > 0);
    }

    [Fact]
    public void Measure_RareOverlap_WeighsAWordFewSentencesShareMore()
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("The Zorblax hums loudly in the garden lab.", index: 0),
            Candidate("The Zorblax lever sits under a brass lid.", index: 1),
            Candidate("The Zorblax was painted green last spring.", index: 2),
        ];
        var extractor = new SentenceFeatureExtractor("Zorblax lever", candidates);

        var common = extractor.Measure(0);
        var rare = extractor.Measure(1);

        // idf = log(1 + 3 / (1 + sentences with the word)): 'zorblax' is in all three, 'lever' in one.
        var zorblax = Math.Log(1 + (3 / 4.0));
        var lever = Math.Log(1 + (3 / 2.0));
        Assert.Equal(1.0, rare.RareOverlap, 12);
        Assert.Equal(zorblax / (zorblax + lever), common.RareOverlap, 12);
        Assert.Equal(common.RareOverlap - 1, common.RareGap, 12);
    }

    [Theory]
    [InlineData("How does the Zorblax work?", 0.0)]
    [InlineData("When does the Zorblax work?", 0.5)]
    public void Measure_HowDoesItWork_IgnoresTheWordWork(string question, double titleOverlap)
    {
        var candidate = Candidate("The lever makes the crank go round and round.", index: 0, title: "Work schedules");

        var features = new SentenceFeatureExtractor(question, [candidate]).Measure(0);

        Assert.Equal(titleOverlap, features.TitleOverlap);
    }

    [Fact]
    public void Measure_TypedAnswerAboutTheNamedSubject_ScoresBoth()
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("The Zorblax was built in 2031 by the garden council.", index: 0),
            Candidate("The Quibble was built in 2029 in a Bergen workshop.", index: 1),
            Candidate("The Zorblax hums loudly in the garden lab all day.", index: 2),
        ];
        var extractor = new SentenceFeatureExtractor("When was the Zorblax built?", candidates);

        var about = extractor.Measure(0);
        var other = extractor.Measure(1);
        var untyped = extractor.Measure(2);

        Assert.Equal((1.0, 1.0, 1.0), (about.AnswerType, about.NamesSubject, about.TypedAboutSubject));
        Assert.Equal((1.0, 0.0, 0.0), (other.AnswerType, other.NamesSubject, other.TypedAboutSubject));
        Assert.Equal((0.0, 1.0, 0.0), (untyped.AnswerType, untyped.NamesSubject, untyped.TypedAboutSubject));
        Assert.True(extractor.IsTypedAboutSubject(candidates[0], about));
        Assert.False(extractor.IsTypedAboutSubject(candidates[1], other));
        Assert.False(extractor.IsTypedAboutSubject(candidates[2], untyped));
    }

    [Fact]
    public void IsTypedAboutSubject_NoNameInTheQuestion_MeansSharingItsWordsOrTitle()
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("The garden gadget was first sold in 2031.", index: 0),
            Candidate("The shed was painted green in 2029.", index: 1),
            Candidate("It was first sold in 2030 in the north.", index: 2, title: "Garden gadgets"),
        ];
        var extractor = new SentenceFeatureExtractor("when was the garden gadget sold?", candidates);

        Assert.Equal([true, false, true], candidates.Select((c, i) => extractor.IsTypedAboutSubject(c, extractor.Measure(i))).ToArray());
    }

    [Fact]
    public void Measure_WhatIsQuestion_MarksTheSentenceThatDefinesIt()
    {
        List<AnswerCandidate> candidates =
        [
            Candidate("A Zorblax is a garden robot that hums while it mows.", index: 0),
            Candidate("Zorblaxes are now common in gardens across the north.", index: 1),
        ];
        var extractor = new SentenceFeatureExtractor("What is a Zorblax?", candidates);

        Assert.Equal([1.0, 0.0], [extractor.Measure(0).Defines, extractor.Measure(1).Defines]);
    }

    [Fact]
    public void Measure_SentenceOwnFeatures_ComeFromItsPlaceLengthAndPronoun()
    {
        var words = "The Zorblax " + string.Join(' ', Enumerable.Repeat("hums", 38)) + ".";
        var candidate = new AnswerCandidate(4, 3, words, 40, ContentWords.Of(words), "Zorblax", []);
        var shortOne = Candidate("The Zorblax hums.", source: 4, index: 5);

        var extractor = new SentenceFeatureExtractor("Does the Zorblax hum?", [candidate, shortOne]);
        var features = extractor.Measure(0);

        Assert.Equal((0.25, 0.25, 0.25, 0.0, 1.0), (features.PassageRank, features.Position, features.Long, features.Short, features.Pronoun));
        Assert.Equal(6 / 9.0, extractor.Measure(1).Short);
    }

    private static AnswerCandidate Candidate(string text, int source = 1, int index = 0, double dense = 0.5, string title = "") =>
        new(source, index, text, text.Split(' ').Length, ContentWords.Of(text), null, [])
        {
            Title = title,
            Dense = dense,
        };
}
