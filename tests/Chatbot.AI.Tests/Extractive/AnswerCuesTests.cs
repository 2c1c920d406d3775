using Chatbot.AI.Extractive;

namespace Chatbot.AI.Tests.Extractive;

/// <summary>The cues read from answer-cues.json, on made-up names: the lists, not the examples, decide.</summary>
public sealed class AnswerCuesTests
{
    [Theory]
    [InlineData("Which startup built the Quenner engine?", "Who")]
    [InlineData("which two Zorblat labs trained it", "Who")]
    [InlineData("In what year did the Quennerfield accord pass?", "When")]
    [InlineData("How many Zorblats fit in a Quenner?", "HowMany")]
    [InlineData("Which paper introduced the Zorblat loss?", "Title")]
    [InlineData("how come the Quenner engine stalls", "Why")]
    [InlineData("What does a Zorblat eat?", "None")]
    public void AnswerTypeOf_ReadsTheKindOfAnswerFromTheCueLists(string question, string expected)
    {
        Assert.Equal(expected, AnswerTypes.AnswerTypeOf(question).ToString());
    }

    [Theory]
    [InlineData("The Quenner engine stalls because its coils overheat.", true)]
    [InlineData("The Quenner engine stalls as a result of overheating.", true)]
    [InlineData("The Quenner engine is blue.", false)]
    public void HasCause_ListedCausePhrases(string sentence, bool expected)
    {
        Assert.Equal(expected, AnswerTypes.HasCause().IsMatch(sentence));
    }

    [Theory]
    [InlineData("how does a Zorblat engine work?", true)]
    [InlineData("How long did the Zorblat alignment work take?", false)]
    public void AsksHowOrWhy_TellsAnExplanationFromAFact(string question, bool expected)
    {
        Assert.Equal(expected, AnswerTypes.AsksHowOrWhy().IsMatch(question));
    }

    [Fact]
    public void FromJson_AddingAWordToAList_ChangesWhatIsRecognised()
    {
        const string lists = """
            {"whoNouns": ["guild"], "whenNouns": ["year"], "paperNouns": ["paper"], "howManyWords": ["many"], "sizeNouns": ["size"],
             "factHowWords": ["long"], "whyCues": ["why"], "causeCues": ["because"], "agentVerbs": ["built"], "notDefiningWords": ["now"],
             "clauseWords": ["The"]}
            """;

        var cues = AnswerCues.FromJson(lists);

        Assert.Matches(cues.AsksWho, "Which Quenner guild forged it?");
        Assert.DoesNotMatch(cues.AsksWho, "Which Quenner startup forged it?");
    }

    [Fact]
    public void FromJson_MissingList_SaysWhichOne()
    {
        var error = Assert.Throws<FormatException>(() => AnswerCues.FromJson("""{"whoNouns": ["guild"]}"""));

        Assert.Contains("WhenNouns", error.Message, StringComparison.Ordinal);
    }
}
