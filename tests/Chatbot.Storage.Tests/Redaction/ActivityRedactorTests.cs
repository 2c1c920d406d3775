using Chatbot.Storage.Redaction;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace Chatbot.Storage.Tests.Redaction;

public sealed class ActivityRedactorTests
{
    private const string Email = "ana@example.org";
    private const string Phone = "+49 30 123456";

    private readonly ActivityRedactor _redactor = new(new PersonalDataRedactor());

    [Fact]
    public void WhatPeopleWrote_IsRedacted_InTextSpeechSummaryActionsAttachmentsAndValue()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = $"write to {Email}",
            Speak = $"<speak>call {Phone}</speak>",
            Summary = $"about {Email}",
            SuggestedActions = new SuggestedActions
            {
                Actions = [new CardAction(ActionTypes.ImBack, $"Email {Email}", value: $"send to {Email}") { DisplayText = $"call {Phone}" }],
            },
            Attachments =
            [
                new HeroCard(title: $"Call {Phone}", text: $"or {Email}", buttons: [new CardAction(ActionTypes.OpenUrl, "Open", value: "https://example.com/555-123-4567")]).ToAttachment(),
                new Attachment("application/vnd.microsoft.card.adaptive", content: JObject.Parse($$$"""
                    {"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Reach me: {{{Email}}}"}],"actions":[{"type":"Action.Submit","title":"Send","data":{"note":"{{{Phone}}}"}}]}
                    """)),
                new Attachment("application/vnd.microsoft.transcript", name: "Transcript", content: new Transcript([new Activity { Type = ActivityTypes.Message, Text = $"my number is {Phone}" }])),
            ],
            Value = JObject.Parse($$$"""{"actionName":"feedback","actionValue":{"reaction":"dislike","feedback":"{\"feedbackText\":\"mail {{{Email}}}\"}"}}"""),
        };

        var json = JObject.FromObject(activity);
        _redactor.Redact(json);

        Assert.Equal("write to [email]", (string?)json["text"]);
        Assert.Equal("<speak>call [phone]</speak>", (string?)json["speak"]);
        Assert.Equal("about [email]", (string?)json["summary"]);
        var action = json["suggestedActions"]!["actions"]![0]!;
        Assert.Equal(("Email [email]", "send to [email]", "call [phone]"), ((string?)action["title"], (string?)action["value"], (string?)action["displayText"]));
        var hero = json["attachments"]![0]!["content"]!;
        Assert.Equal(("Call [phone]", "or [email]"), ((string?)hero["title"], (string?)hero["text"]));
        Assert.Equal("https://example.com/555-123-4567", (string?)hero["buttons"]![0]!["value"]);
        var card = json["attachments"]![1]!["content"]!;
        Assert.Equal("Reach me: [email]", (string?)card["body"]![0]!["text"]);
        Assert.Equal("[phone]", (string?)card["actions"]![0]!["data"]!["note"]);
        Assert.Equal("TextBlock", (string?)card["body"]![0]!["type"]);
        Assert.Equal("my number is [phone]", (string?)json["attachments"]![2]!["content"]!["activities"]![0]!["text"]);
        Assert.Equal("""{"feedbackText":"mail [email]"}""", (string?)json["value"]!["actionValue"]!["feedback"]);
    }

    [Fact]
    public void IdsAddressesAndChannelData_AreLeftAlone()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Id = "5551234567",
            Text = "hello",
            ServiceUrl = "https://smba.example/555-123-4567/",
            From = new ChannelAccount("29:555-123-4567", "Ana", RoleTypes.User),
            Conversation = new ConversationAccount(id: "a:0207946095"),
            ChannelData = JObject.Parse("""{"tenant":{"id":"0044-20-7946-0958"},"note":"ana@example.org"}"""),
            Attachments = [new Attachment("image/png", contentUrl: "https://example.com/ana@example.org/555-123-4567.png")],
        };

        var json = JObject.FromObject(activity);
        var before = json.ToString();
        _redactor.Redact(json);

        Assert.Equal(before, json.ToString());
    }

    [Fact]
    public void Disabled_ChangesNothing()
    {
        var json = JObject.FromObject(new Activity { Type = ActivityTypes.Message, Text = $"write to {Email}" });

        new ActivityRedactor(new PersonalDataRedactor(enabled: false)).Redact(json);

        Assert.Equal($"write to {Email}", (string?)json["text"]);
    }
}
