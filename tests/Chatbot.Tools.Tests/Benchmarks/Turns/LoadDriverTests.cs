using Chatbot.Tools.Benchmarks.Turns;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Chatbot.Tools.Tests.Benchmarks.Turns;

public sealed class LoadDriverTests
{
    [Theory]
    [InlineData(500, """{"error":"boom"}""", "HTTP 500")]
    [InlineData(200, """{"activities":[]}""", "without a message reply")]
    [InlineData(200, """{"activities":[{"type":"message","text":"  "}]}""", "without a message reply")]
    [InlineData(200, "", "not an expectReplies response")]
    [InlineData(200, """{"activities":[{"type":"message","text":"Sorry, something went wrong."},{"type":"trace","valueType":"https://www.botframework.com/schemas/error"}]}""", "error trace")]
    public async Task RunAsync_BotThatFails_CountsEveryFailureAndNoTurn(int status, string body, string reason)
    {
        var app = LoopbackHost.CreateBuilder().Build();
        app.MapPost("/api/messages", (HttpContext context) =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync(body);
        });
        var address = await LoopbackHost.StartAsync(app, CancellationToken.None);
        using var http = new HttpClient();

        try
        {
            var result = await new LoadDriver(http, 1, ["What is a GAN?"]).RunAsync(address, "test", TimeSpan.Zero, TimeSpan.FromMilliseconds(300));

            Assert.Equal(0, result.Turns);
            Assert.True(result.Errors >= result.TurnsSent && result.TurnsSent > 0, $"{result.Errors} errors for {result.TurnsSent} messages.");
            Assert.Contains(reason, result.ErrorSamples[0], StringComparison.Ordinal);
        }
        finally
        {
            await LoopbackHost.StopAsync(app);
        }
    }
}
