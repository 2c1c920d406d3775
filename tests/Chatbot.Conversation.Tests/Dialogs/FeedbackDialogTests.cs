using Chatbot.AI.Answers;
using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Feedback;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.State;

namespace Chatbot.Conversation.Tests.Dialogs;

public sealed class FeedbackDialogTests
{
    private const string NothingToRate = "Thanks! There's no answer of mine to rate yet; ask me something first.";
    private const string Noted = "Thanks, I've noted your feedback on that answer.";

    private readonly DialogTestBot _bot = new();
    private readonly FeedbackStore _store;

    public FeedbackDialogTests() => _store = new FeedbackStore(_bot.Storage);

    [Fact]
    public async Task BeforeAnyAnswer_SaysThereIsNothingToRate_AndAsksNothing()
    {
        await _bot.Flow(new FeedbackDialog(_bot.ConversationState, _store))
            .Send("that was helpful")
            .AssertReply(NothingToRate)
            .Send("Helpful") // not taken as the answer to a question: none was asked
            .AssertReply(NothingToRate)
            .StartTestAsync();
    }

    [Fact]
    public async Task Helpful_ThenAComment_IsStoredWithTheQuestionAndAnswerItIsAbout()
    {
        var answerId = await RememberAnAnswerAsync();

        await _bot.Flow(new FeedbackDialog(_bot.ConversationState, _store))
            .Send("I'd like to rate your answer")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Was my last answer helpful?", "Helpful", "Not helpful"))
            .Send("Helpful")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Thanks! Anything you'd like to add? (or Skip)", "Skip"))
            .Send("  Short and clear. ")
            .AssertReply(Noted)
            .StartTestAsync();

        var record = await _store.ReadAsync(ConversationKey(), answerId);
        Assert.NotNull(record);
        Assert.True(record.Helpful);
        Assert.Equal("Short and clear.", record.Comment);
        Assert.Equal("what is RLHF?", record.Question);
        Assert.Equal("RLHF tunes a model on human preferences [1].", record.Answer);
        Assert.Equal("extractive", record.Backend);
    }

    [Fact]
    public async Task WithANegativeSentimentAlreadyShown_AsksOnlyWhatWasWrong_AndSkipStoresNoComment()
    {
        var answerId = await RememberAnAnswerAsync();

        await _bot.Flow(new FeedbackDialog(_bot.ConversationState, _store), nameof(FeedbackSentiment.Negative))
            .Send("that answer was not helpful")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Sorry about that. What was wrong or missing? (or Skip)", "Skip"))
            .Send("Skip")
            .AssertReply(Noted)
            .StartTestAsync();

        var record = await _store.ReadAsync(ConversationKey(), answerId);
        Assert.NotNull(record);
        Assert.False(record.Helpful);
        Assert.Null(record.Comment);
    }

    /// <summary>Saves the memory an answered question leaves behind, and returns the answer's id.</summary>
    private async Task<string> RememberAnAnswerAsync()
    {
        var memory = new ConversationMemory();
        memory.Remember("what is RLHF?", new Answer("RLHF tunes a model on human preferences [1].", [], [], "extractive"));
        await _bot.WriteMemoryAsync(memory);
        return memory.LastAnswerId!;
    }

    private string ConversationKey() => $"{_bot.Adapter.Conversation.ChannelId}/{_bot.Adapter.Conversation.Conversation.Id}";
}
