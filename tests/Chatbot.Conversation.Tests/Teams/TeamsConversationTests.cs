using Chatbot.Conversation.Teams;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Tests.Teams;

public sealed class TeamsConversationTests
{
    private static readonly ChannelAccount s_bot = new("28:bot-id", "Guide");

    [Fact]
    public void PersonalChat_EveryMessageIsForTheBot()
    {
        var message = Message("what is a GAN?", "personal");

        Assert.True(TeamsConversation.AddressesBot(message));
        Assert.Equal("what is a GAN?", message.Text);
    }

    [Fact]
    public void GroupChat_WithoutAMention_IsNotForTheBot()
    {
        Assert.False(TeamsConversation.AddressesBot(Message("what is a GAN?", "groupChat")));
    }

    [Fact]
    public void Channel_WithAMention_IsForTheBotWithoutTheMention()
    {
        var message = Message("<at>Guide</at> what is a GAN?", "channel");
        message.Entities = [MentionOf(s_bot, "<at>Guide</at>")];

        Assert.True(TeamsConversation.AddressesBot(message));
        Assert.Equal("what is a GAN?", message.Text);
    }

    [Fact]
    public void GroupChat_MentioningSomeoneElse_IsNotForTheBot()
    {
        var message = Message("<at>Ada</at> what is a GAN?", "groupChat");
        message.Entities = [MentionOf(new ChannelAccount("29:ada", "Ada"), "<at>Ada</at>")];

        Assert.False(TeamsConversation.AddressesBot(message));
    }

    [Theory]
    [InlineData("groupChat", true)]
    [InlineData("channel", true)]
    [InlineData("personal", false)]
    public async Task SuggestedActions_BecomeACardInGroupsOnly(string conversationType, bool card)
    {
        var adapter = new TestAdapter(Channels.Msteams);
        var context = new TurnContext(adapter, Message("hi", conversationType));
        IActivity? sent = null;
        context.OnSendActivities(async (_, activities, next) =>
        {
            var responses = await next();
            sent = activities[0];
            return responses;
        });
        TeamsConversation.ShowActionsAsCards(context);

        await context.SendActivityAsync(MessageFactory.SuggestedActions(new[] { "Explain GANs", "Compare GANs and VAEs" }, "Which one?", ssml: null, inputHint: null));

        var message = Assert.IsAssignableFrom<IMessageActivity>(sent);
        if (card)
        {
            Assert.Null(message.SuggestedActions);
            var hero = Assert.IsType<HeroCard>(Assert.Single(message.Attachments).Content);
            Assert.Equal(["Explain GANs", "Compare GANs and VAEs"], hero.Buttons.Select(b => b.Title));
        }
        else
        {
            Assert.Equal(2, message.SuggestedActions.Actions.Count);
            Assert.True(message.Attachments is null || message.Attachments.Count == 0);
        }
    }

    private static Entity MentionOf(ChannelAccount who, string text)
    {
        // As the channel sends it: an entity of type "mention" whose properties hold the mention.
        var entity = new Entity();
        entity.SetAs(new Mention(who, text));
        return entity;
    }

    private static Activity Message(string text, string conversationType) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Channels.Msteams,
        Text = text,
        Recipient = s_bot,
        From = new ChannelAccount("29:user", "User"),
        Conversation = new ConversationAccount(conversationType: conversationType, id: "19:conversation"),
        ServiceUrl = "https://smba.example",
    };
}
