using Chatbot.AI.Answers;
using Chatbot.Grounding;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Chatbot.Conversation.Rendering;

/// <summary>
/// The schema.org <c>Message</c> entity through which Teams (and Web Chat) show an AI-generated answer's label and
/// citations: <c>additionalType: ["AIGeneratedContent"]</c> and one <c>Claim</c> per cited source, whose position is
/// the [n] in the text, with a name (at most 80 characters), a link and an abstract (at most 160) that says what the
/// source supports and, for a flagged sentence that cites it, what is wrong. At most 20 citations.
/// </summary>
/// <remarks>See https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/bot-messages-ai-generated-content.</remarks>
public static class CitationEntity
{
    /// <summary>The most citations Teams shows on one message.</summary>
    public const int MaxCitations = 20;

    /// <summary>The most characters of a citation's name.</summary>
    public const int MaxName = 80;

    /// <summary>The most characters of a citation's abstract.</summary>
    public const int MaxAbstract = 160;

    /// <summary>What Web Chat's like and dislike buttons send back: an event of this name with the clicked action.</summary>
    public const string WebChatFeedbackEvent = "webchat:activity-status/feedback";

    /// <summary>The entity for <paramref name="answer"/>, in the form <paramref name="style"/>'s client reads.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="style">The client's citation style; Web Chat also gets its label and feedback actions here.</param>
    /// <param name="answerId">The answer's id, carried by Web Chat's feedback actions; null for none.</param>
    public static Entity For(Answer answer, CitationStyle style = CitationStyle.Teams, string? answerId = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var claims = new JArray();
        foreach (var source in AnswerRenderer.CitedSources(answer).Take(MaxCitations))
        {
            var appearance = new JObject
            {
                ["@type"] = "DigitalDocument",
                ["name"] = FlagNote.Shorten(source.Title, MaxName),
                ["abstract"] = FlagNote.Shorten(Abstract(answer, source), MaxAbstract),
            };
            if (AnswerRenderer.IsLink(source.Url))
            {
                appearance["url"] = source.Url;
            }

            if (style == CitationStyle.WebChat)
            {
                // Web Chat's pop-up shows the appearance's text (Markdown).
                appearance["text"] = Abstract(answer, source);
            }

            var keywords = Keywords(answer, source);
            if (keywords.Count > 0)
            {
                appearance["keywords"] = new JArray(keywords);
            }

            claims.Add(new JObject { ["@type"] = "Claim", ["position"] = source.Number, ["appearance"] = appearance });
        }

        var entity = new Entity("https://schema.org/Message");
        entity.Properties["@type"] = "Message";
        entity.Properties["@context"] = "https://schema.org";
        entity.Properties["@id"] = string.Empty;
        entity.Properties["additionalType"] = new JArray("AIGeneratedContent");
        if (claims.Count > 0)
        {
            if (style == CitationStyle.WebChat)
            {
                // Web Chat 4.18 shows its "AI generated" label from the first claim's interpreter, not from additionalType.
                claims[0]["claimInterpreter"] = new JObject { ["@type"] = "Project", ["slogan"] = "AI generated" };
            }

            entity.Properties["citation"] = claims;
        }

        if (style == CitationStyle.WebChat && answerId is not null)
        {
            // Web Chat's thumbs up and down: a click sends the action back as an event, which carries no reply-to id,
            // so the action carries the answer's.
            entity.Properties["potentialAction"] = new JArray(
                new JObject { ["@type"] = "LikeAction", ["answerId"] = answerId },
                new JObject { ["@type"] = "DislikeAction", ["answerId"] = answerId });
        }

        return entity;
    }

    /// <summary>
    /// What the pop-up says of a source: a warning first when a flagged sentence cites it (the reader opens the pop-up
    /// to see why), else the passage the answer relies on.
    /// </summary>
    private static string Abstract(Answer answer, Citation source)
    {
        var flagged = answer.Sentences.FirstOrDefault(s => s.Verdict != GroundingVerdict.Supported && s.Citations.Contains(source.Number));
        if (flagged is not null)
        {
            return $"⚠ {FlagNote.Explain(answer, flagged)}";
        }

        var evidence = answer.Sentences.FirstOrDefault(s => s.Verdict == GroundingVerdict.Supported && s.EvidenceSource == source.Number && !string.IsNullOrWhiteSpace(s.Evidence))?.Evidence;
        return (evidence ?? source.Quote).Replace('\n', ' ').Trim();
    }

    /// <summary>At most three keywords: the kinds of flag on sentences that cite the source, else none.</summary>
    private static List<string> Keywords(Answer answer, Citation source) =>
        [.. answer.Sentences.Where(s => s.Citations.Contains(source.Number) && s.Verdict != GroundingVerdict.Supported)
            .Select(s => s.Verdict switch
            {
                GroundingVerdict.Contradicted => "Contradicted",
                GroundingVerdict.WrongCitation => "Wrong citation",
                _ => "Unsupported",
            })
            .Distinct()
            .Take(3)];
}
