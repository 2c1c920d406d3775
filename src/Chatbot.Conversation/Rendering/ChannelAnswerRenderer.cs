using System.Globalization;
using System.Text;
using Chatbot.AI.Answers;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Chatbot.Conversation.Rendering;

/// <summary>
/// The one place that turns an <see cref="Answer"/> into the message a channel expects.
/// <list type="bullet">
/// <item>Teams: its native citations (a schema.org Message entity with Claims), the AI-generated label and the
/// feedback loop buttons; no appended source list.</item>
/// <item>Web Chat (Direct Line): the [n] markers with Markdown reference definitions, which Web Chat 4.18 turns into
/// its citation list and pop-ups from the same entity, the "AI generated" slogan, and like/dislike buttons
/// (<c>potentialAction</c>) that carry the answer's id back.</item>
/// <item>The Emulator and any other channel: Markdown with a numbered source list of links.</item>
/// </list>
/// Every channel shows the flags with their evidence in the text.
/// </summary>
public static class ChannelAnswerRenderer
{
    /// <summary>The message for <paramref name="answer"/> on <paramref name="channelId"/>.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="channelId">The channel it goes to.</param>
    /// <param name="answerId">The answer's id, which feedback on the message refers to; null when there is none.</param>
    public static IMessageActivity Render(Answer answer, string? channelId, string? answerId = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var style = StyleOf(channelId);
        var markdown = AnswerRenderer.RenderMarkdown(answer, sourceList: style == CitationStyle.Markdown);
        if (style == CitationStyle.WebChat)
        {
            markdown += ReferenceDefinitions(answer);
        }

        var activity = MessageFactory.Text(markdown);
        activity.TextFormat = TextFormatTypes.Markdown;

        // Metadata a client that does not read it ignores: the AI-generated label and the citations.
        activity.Entities = [CitationEntity.For(answer, style, answerId)];
        if (style == CitationStyle.Teams)
        {
            // Teams shows thumbs up and down under the message and sends the reaction as a message/submitAction invoke.
            activity.ChannelData = new JObject { ["feedbackLoop"] = new JObject { ["type"] = "default" } };
        }

        return activity;
    }

    /// <summary>How <paramref name="channelId"/> shows citations.</summary>
    public static CitationStyle StyleOf(string? channelId) => channelId switch
    {
        Channels.Msteams => CitationStyle.Teams,
        Channels.Directline or Channels.Webchat => CitationStyle.WebChat,
        _ => CitationStyle.Markdown,
    };

    /// <summary>
    /// "[n]: url "Title"" for each cited source (<c>cite:n</c> when it has no web address): Markdown reference
    /// definitions, which Web Chat renders as the answer's source list, each [n] opening its link or its pop-up.
    /// </summary>
    private static string ReferenceDefinitions(Answer answer)
    {
        var sources = AnswerRenderer.CitedSources(answer);
        if (sources.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("\n");
        foreach (var source in sources)
        {
            var target = AnswerRenderer.IsLink(source.Url) ? new Uri(source.Url).AbsoluteUri : $"cite:{source.Number}";
            text.Append(CultureInfo.InvariantCulture, $"\n[{source.Number}]: {target} \"{source.Title.Replace('"', '\'')}\"");
        }

        return text.ToString();
    }
}

/// <summary>How a channel's client shows an answer's citations.</summary>
public enum CitationStyle
{
    /// <summary>A numbered source list in the text (the Emulator, anything unknown).</summary>
    Markdown,

    /// <summary>Teams' citation pop-ups from the message entity.</summary>
    Teams,

    /// <summary>Web Chat's citation list from reference definitions and the message entity.</summary>
    WebChat,
}
