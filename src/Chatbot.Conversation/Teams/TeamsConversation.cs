using Microsoft.Bot.Connector;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Teams;

/// <summary>
/// What is particular to Teams conversations: in group chats and channels the bot answers only when @mentioned (and
/// reads the message without the mention), and Teams shows no suggested actions there, so buttons go on a card.
/// </summary>
public static class TeamsConversation
{
    /// <summary>Whether <paramref name="activity"/> comes from a Teams group chat or channel (not a personal chat).</summary>
    public static bool IsGroup(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelId == Channels.Msteams
            && activity.Conversation?.ConversationType is { Length: > 0 } type
            && !type.Equals("personal", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Whether the bot should answer <paramref name="message"/>: always outside Teams groups; in a group only when it
    /// @mentions the bot, whose mention is then removed from the text.
    /// </summary>
    public static bool AddressesBot(IMessageActivity message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsGroup(message))
        {
            return true;
        }

        var botId = message.Recipient?.Id;
        var mentioned = message.GetMentions().Any(m => m.Mentioned?.Id == botId);
        if (mentioned)
        {
            message.RemoveRecipientMention();
            message.Text = message.Text?.Trim();
        }

        return mentioned;
    }

    /// <summary>
    /// In a Teams group, moves each outgoing message's suggested actions onto a hero card with the same buttons, which
    /// Teams shows there; elsewhere leaves them. Registered on the turn, so every message the bot sends is covered.
    /// </summary>
    public static void ShowActionsAsCards(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (!IsGroup(turnContext.Activity))
        {
            return;
        }

        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            foreach (var activity in activities.Where(a => a.Type == ActivityTypes.Message && a.SuggestedActions?.Actions is { Count: > 0 }))
            {
                var card = new HeroCard { Buttons = [.. activity.SuggestedActions!.Actions] };
                activity.Attachments = [.. activity.Attachments ?? [], card.ToAttachment()];
                activity.SuggestedActions = null;
            }

            return await next().ConfigureAwait(false);
        });
    }
}
