using System.Text;
using System.Text.Json.Nodes;
using Chatbot.Tools.Benchmarks.Turns;

namespace Chatbot.Tools.Tests.Benchmarks.Turns;

public sealed class EmulatorActivityTests
{
    [Fact]
    public void Message_IsAnEmulatorActivityThatExpectsReplies()
    {
        var activity = JsonNode.Parse(EmulatorActivity.Message("conv-7", new Uri("http://127.0.0.1:5000/"), "What is a GAN?"))!;

        Assert.Equal("message", (string?)activity["type"]);
        Assert.Equal("What is a GAN?", (string?)activity["text"]);
        Assert.Equal("emulator", (string?)activity["channelId"]);
        Assert.Equal("expectReplies", (string?)activity["deliveryMode"]);
        Assert.Equal("http://127.0.0.1:5000/", (string?)activity["serviceUrl"]);
        Assert.Equal("conv-7", (string?)activity["conversation"]?["id"]);
        Assert.Equal(EmulatorActivity.UserId, (string?)activity["from"]?["id"]);
        Assert.False(string.IsNullOrEmpty((string?)activity["id"]));
    }

    [Theory]
    [InlineData("""{"activities":[{"type":"typing"},{"type":"message","text":"A GAN is [1]."}]}""", 1, false)]
    [InlineData("""{"activities":[{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive"}]}]}""", 1, false)]
    [InlineData("""{"activities":[{"type":"message","text":""},{"type":"event","name":"handoff.initiate"}]}""", 0, false)]
    [InlineData("""{"activities":[{"type":"message","text":"Sorry."},{"type":"trace","valueType":"https://www.botframework.com/schemas/error"}]}""", 1, true)]
    public void ReadReplies_CountsMessagesWithContentAndSeesTheErrorTrace(string body, int messages, bool failed)
    {
        var replies = EmulatorActivity.ReadReplies(Encoding.UTF8.GetBytes(body));

        Assert.True(replies.Readable);
        Assert.Equal(messages, replies.Messages);
        Assert.Equal(failed, replies.TurnFailed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"activity":[]}""")]
    [InlineData("[]")]
    public void ReadReplies_NotAnExpectRepliesBody_IsUnreadable(string body)
    {
        Assert.False(EmulatorActivity.ReadReplies(Encoding.UTF8.GetBytes(body)).Readable);
    }
}
