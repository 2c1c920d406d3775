using Chatbot.AI.Answers;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace Chatbot.Conversation.Rendering;

/// <summary>
/// The one place that turns an <see cref="Answer"/> into the message a channel expects. Teams gets its native
/// citations (a schema.org Message entity with Claims), the AI-generated label and feedback buttons, and no appended
/// source list; Web Chat (through Direct Line) gets the same entity and label, which it renders, plus the Markdown
/// source list; the Emulator and any other channel get Markdown with the source list. Every channel shows the flags
/// with their evidence in the text.
/// </summary>
public static class ChannelAnswerRenderer
{
    /// <summary>The channels whose clients render schema.org citations from the message entity.</summary>
    private static bool ShowsNativeCitations(string? channelId) => channelId == Channels.Msteams;

    /// <summary>The message for <paramref name="answer"/> on <paramref name="channelId"/>.</summary>
    public static IMessageActivity Render(Answer answer, string? channelId)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var native = ShowsNativeCitations(channelId);
        var activity = MessageFactory.Text(AnswerRenderer.RenderMarkdown(answer, sourceList: !native));
        activity.TextFormat = TextFormatTypes.Markdown;
        // Metadata a client that does not read it ignores: the AI-generated label and the citations.
        activity.Entities = [CitationEntity.For(answer)];

        if (channelId == Channels.Msteams)
        {
            // Teams shows thumbs up and down under the message and sends the reaction as a message/submitAction invoke.
            activity.ChannelData = new { feedbackLoop = new { type = "default" } };
        }

        return activity;
    }
}
