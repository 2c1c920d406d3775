using Chatbot.AI.Answers;
using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.State;
using Chatbot.Conversation.Tests.Journal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.Conversation.Tests.Dialogs;

public sealed class FeedbackDialogTests
{
    private const string NothingToRate = "Thanks! There's no answer of mine to rate yet; ask me something first.";
    private const string Noted = "Thanks, I've noted your feedback on that answer.";

    private readonly DialogTestBot _bot = new();
    private readonly RecordingJournal _journal = new();

    [Fact]
    public async Task BeforeAnyAnswer_SaysThereIsNothingToRate_AndAsksNothing()
    {
        await _bot.Flow(new FeedbackDialog(_bot.ConversationState, _journal))
            .Send("that was helpful")
            .AssertReply(NothingToRate)
            .Send("Helpful") // not taken as the answer to a question: none was asked
            .AssertReply(NothingToRate)
            .StartTestAsync();

        Assert.Empty(_journal.Feedback);
    }

    [Fact]
    public async Task Helpful_ThenAComment_IsRecordedWithTheQuestionAndAnswerItIsAbout()
    {
        var answerId = await RememberAnAnswerAsync();

        await _bot.Flow(new FeedbackDialog(_bot.ConversationState, _journal))
            .Send("I'd like to rate your answer")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Was my last answer helpful?", "Helpful", "Not helpful"))
            .Send("Helpful")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Thanks! Anything you'd like to add? (or Skip)", "Skip"))
            .Send("  Short and clear. ")
            .AssertReply(Noted)
            .StartTestAsync();

        var record = Assert.Single(_journal.Feedback);
        Assert.Equal(answerId, record.AnswerId);
        Assert.Equal(_bot.Adapter.Conversation.ChannelId, record.ChannelId);
        Assert.Equal(_bot.Adapter.Conversation.Conversation.Id, record.ConversationId);
        Assert.True(record.Helpful);
        Assert.Equal("Short and clear.", record.Comment);
        Assert.Equal("what is RLHF?", record.Question);
        Assert.Equal("RLHF tunes a model on human preferences [1].", record.Answer);
        Assert.Equal("extractive", record.Backend);
    }

    [Fact]
    public async Task WithANegativeSentimentAlreadyShown_AsksOnlyWhatWasWrong_AndSkipRecordsNoComment()
    {
        var answerId = await RememberAnAnswerAsync();

        await _bot.Flow(new FeedbackDialog(_bot.ConversationState, _journal), nameof(FeedbackSentiment.Negative))
            .Send("that answer was not helpful")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Sorry about that. What was wrong or missing? (or Skip)", "Skip"))
            .Send("Skip")
            .AssertReply(Noted)
            .StartTestAsync();

        var record = Assert.Single(_journal.Feedback);
        Assert.Equal(answerId, record.AnswerId);
        Assert.False(record.Helpful);
        Assert.Null(record.Comment);
    }

    [Fact]
    public async Task AJournalThatFails_IsLoggedAsAWarning_AndTheUserIsStillThanked()
    {
        await RememberAnAnswerAsync();
        var logger = new FakeLogger<FeedbackDialog>();

        await _bot.Flow(new FeedbackDialog(_bot.ConversationState, new RecordingJournal { Fail = true }, logger), nameof(FeedbackSentiment.Positive))
            .Send("great answer")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Thanks! Anything you'd like to add? (or Skip)", "Skip"))
            .Send("Skip")
            .AssertReply(Noted)
            .StartTestAsync();

        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.IsType<InvalidOperationException>(warning.Exception);
    }

    /// <summary>Saves the memory an answered question leaves behind, and returns the answer's id.</summary>
    private async Task<string> RememberAnAnswerAsync()
    {
        var memory = new ConversationMemory();
        memory.Remember("what is RLHF?", new Answer("RLHF tunes a model on human preferences [1].", [], [], "extractive"));
        await _bot.WriteMemoryAsync(memory);
        return memory.LastAnswerId!;
    }
}
