using Chatbot.AI.Answers;
using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Intents;
using Chatbot.Conversation.State;

namespace Chatbot.Conversation.Tests.Dialogs;

public sealed class ResetDialogTests
{
    private const string Confirm = "Start over? I'll forget this conversation (your level setting stays).";

    private readonly DialogTestBot _bot = new();

    [Fact]
    public async Task Yes_ForgetsTheConversation_ButKeepsTheUsersLevel()
    {
        await RememberAnAnswerAsync();
        await _bot.WriteProfileAsync(new UserProfile { Level = AnswerLevel.Expert });

        await _bot.Flow(new ResetDialog(_bot.ConversationState))
            .Send("start over")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, Confirm, "Yes", "No"))
            .Send("yes")
            .AssertReply("Done: we're starting fresh. What would you like to know?")
            .StartTestAsync();

        Assert.Null(await _bot.ReadMemoryAsync());
        Assert.Equal(AnswerLevel.Expert, (await _bot.ReadProfileAsync())?.Level);

        // Nothing of the old stack is left waiting: the next message starts the dialog afresh.
        await _bot.Flow(new ResetDialog(_bot.ConversationState))
            .Send("yes")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, Confirm, "Yes", "No"))
            .StartTestAsync();
    }

    [Fact]
    public async Task No_AfterAnAnswerThatIsNeitherYesNorNo_KeepsTheConversation()
    {
        var answerId = await RememberAnAnswerAsync();

        await _bot.Flow(new ResetDialog(_bot.ConversationState))
            .Send("reset")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, Confirm, "Yes", "No"))
            .Send("maybe")
            .AssertReply(a => DialogTestBot.AssertPrompt(a, "Please answer yes or no: shall I start over?", "Yes", "No"))
            .Send("no")
            .AssertReply("OK, I'll keep our conversation as it is.")
            .StartTestAsync();

        var memory = await _bot.ReadMemoryAsync();
        Assert.NotNull(memory);
        Assert.Equal(answerId, memory.LastAnswerId);
        Assert.Equal("what is a diffusion model?", memory.LastQuestion);
    }

    private async Task<string> RememberAnAnswerAsync()
    {
        var memory = new ConversationMemory();
        memory.Remember("what is a diffusion model?", new Answer("A diffusion model learns to remove noise [1].", [], [], "extractive"));
        await _bot.WriteMemoryAsync(memory);
        return memory.LastAnswerId!;
    }
}
