using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.State;

namespace Chatbot.Conversation.Tests.Dialogs;

public sealed class LevelDialogTests
{
    private const string Question = "How should I explain things?";

    private readonly DialogTestBot _bot = new();

    [Fact]
    public async Task WithoutALevel_AsksForOne_ConfirmsTheChoice_AndSavesItInTheProfile()
    {
        await _bot.Flow(new LevelDialog(_bot.UserState))
            .Send("change how you explain")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, Question, "Beginner", "Standard", "Expert"))
            .Send("Expert")
            .AssertReply("Got it: expert level. From now on I'll give you fuller, more technical answers, in this and future conversations.")
            .Send("change it again") // the dialog ended: the next message starts it afresh
            .AssertReply(a => DialogTestBot.AssertPrompt(a, Question, "Beginner", "Standard", "Expert"))
            .StartTestAsync();

        Assert.Equal(AnswerLevel.Expert, (await _bot.ReadProfileAsync())?.Level);
    }

    [Fact]
    public async Task WithALevelAlreadyNamed_SavesItWithoutAsking()
    {
        await _bot.Flow(new LevelDialog(_bot.UserState), AnswerLevel.Beginner)
            .Send("explain like I'm five")
            .AssertReply("Got it: beginner level. From now on I'll give you short answers in plain words, in this and future conversations.")
            .AssertNoReply()
            .StartTestAsync();

        Assert.Equal(AnswerLevel.Beginner, (await _bot.ReadProfileAsync())?.Level);
    }

    [Fact]
    public async Task AfterThreeInvalidAnswers_KeepsTheLevelTheUserHad()
    {
        await _bot.WriteProfileAsync(new UserProfile { Level = AnswerLevel.Expert });

        await _bot.Flow(new LevelDialog(_bot.UserState))
            .Send("change how you explain")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, Question, "Beginner", "Standard", "Expert"))
            .Send("purple")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Please choose Beginner, Standard or Expert.", "Beginner", "Standard", "Expert"))
            .Send("green")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Please choose Beginner, Standard or Expert.", "Beginner", "Standard", "Expert"))
            .Send("blue")
            .AssertReply("I'll keep explaining at the level I use now.")
            .StartTestAsync();

        Assert.Equal(AnswerLevel.Expert, (await _bot.ReadProfileAsync())?.Level);
    }
}
