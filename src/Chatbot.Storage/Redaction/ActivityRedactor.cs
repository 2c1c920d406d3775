using Newtonsoft.Json.Linq;

namespace Chatbot.Storage.Redaction;

/// <summary>
/// Applies <see cref="PersonalDataRedactor"/> to what an activity's people wrote, in its JSON form: the text, speech
/// and summary, the suggested actions' titles and values, and the text inside attachments and the activity's value
/// (a card's text blocks, a handoff's transcript, the comment on a Teams feedback). Ids, addresses, types, times and
/// channel data are left alone.
/// </summary>
public sealed class ActivityRedactor(PersonalDataRedactor redactor)
{
    // Properties of attachments and values whose strings are never something a person wrote.
    private static readonly HashSet<string> s_notWritten = new(StringComparer.OrdinalIgnoreCase)
    {
        "type", "@type", "@id", "@context", "id", "contentType", "contentUrl", "thumbnailUrl", "url", "iconUrl",
        "serviceUrl", "timestamp", "localTimestamp", "channelId", "locale", "role", "aadObjectId", "tenantId",
        "version", "$schema", "style", "size", "weight", "color", "horizontalAlignment", "spacing", "width", "height",
    };

    /// <summary>Redacts <paramref name="activity"/> (an activity as JSON) in place.</summary>
    public void Redact(JObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!redactor.Enabled)
        {
            return;
        }

        RedactString(activity, "text");
        RedactString(activity, "speak");
        RedactString(activity, "summary");
        if ((activity["suggestedActions"] as JObject)?["actions"] is JArray actions)
        {
            foreach (var action in actions.OfType<JObject>())
            {
                RedactString(action, "title");
                RedactString(action, "text");
                RedactString(action, "displayText");
                RedactValue(action["value"]);
            }
        }

        if (activity["attachments"] is JArray attachments)
        {
            foreach (var attachment in attachments.OfType<JObject>())
            {
                RedactString(attachment, "name");
                RedactValue(attachment["content"]);
            }
        }

        RedactValue(activity["value"]);
    }

    private void RedactString(JObject owner, string property)
    {
        if (owner[property] is JValue { Type: JTokenType.String } value)
        {
            value.Value = redactor.Redact((string?)value.Value);
        }
    }

    /// <summary>Every string under <paramref name="token"/>, except those of properties that are never written text.</summary>
    private void RedactValue(JToken? token)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.String } value when value.Parent is not JProperty property || !s_notWritten.Contains(property.Name):
                value.Value = redactor.Redact((string?)value.Value);
                break;
            case JContainer container:
                foreach (var child in container.Children())
                {
                    RedactValue(child);
                }

                break;
        }
    }
}
