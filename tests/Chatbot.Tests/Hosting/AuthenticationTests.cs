using System.Net;
using Chatbot.Conversation.Bots;
using Chatbot.Tests.Fakes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.Hosting;

public sealed class AuthenticationTests : IAsyncLifetime
{
    private const string AppId = "0b1c9a47-3f6e-4c55-9d8e-2a7b5c1d0e93";
    private FakeTokenIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await FakeTokenIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task WithAnAppId_ARequestWithoutAToken_Gets401_AndTheBotNeverRuns()
    {
        var handler = new CountingHandler();
        await using var app = CreateApp(handler);
        using var client = app.CreateClient();

        using var response = await client.PostAsync(Activities.Message("hello", expectReplies: true));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task WithAnAppId_AForgedToken_Gets401_AndTheBotNeverRuns()
    {
        var handler = new CountingHandler();
        await using var app = CreateApp(handler);
        using var client = app.CreateClient();
        var activity = Activities.Message("hello", expectReplies: true);

        using var response = await client.PostAsync(activity, FakeTokenIssuer.ForgeToken(AppId, (string)activity["serviceUrl"]!));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, handler.Calls);
        Assert.True(_issuer.MetadataRequests > 0, "the signature should have been checked against the published keys");
    }

    [Fact]
    public async Task WithAnAppId_ATokenForAnotherBot_Gets401()
    {
        var handler = new CountingHandler();
        await using var app = CreateApp(handler);
        using var client = app.CreateClient();
        var activity = Activities.Message("hello", expectReplies: true);

        using var response = await client.PostAsync(activity, _issuer.IssueToken(Guid.NewGuid().ToString(), (string)activity["serviceUrl"]!));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public async Task WithAnAppId_AValidChannelToken_IsAccepted_AndTheBotRuns()
    {
        // The control for the tests above: the same set-up lets a properly signed token through.
        var handler = new CountingHandler();
        await using var app = CreateApp(handler);
        using var client = app.CreateClient();
        var activity = Activities.Message("hello", expectReplies: true);

        using var response = await client.PostAsync(activity, _issuer.IssueToken(AppId, (string)activity["serviceUrl"]!));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, handler.Calls);
    }

    private ChatbotAppFactory CreateApp(CountingHandler handler) => new(
        new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppType"] = "MultiTenant",
            // The SDK's own settings for where channel tokens come from; pointed at the loopback issuer
            // so the real validation code runs end to end without the public token service.
            ["ToBotFromChannelOpenIdMetadataUrl"] = _issuer.MetadataUrl,
            ["ToBotFromChannelTokenIssuer"] = FakeTokenIssuer.ChannelIssuer,
            // Replies go back in the response body (expectReplies), so no outbound token is ever requested.
            ["ToChannelFromBotLoginUrl"] = "https://login.microsoftonline.com/botframework.com",
            ["ToChannelFromBotOAuthScope"] = "https://api.botframework.com",
            ["OAuthUrl"] = "https://api.botframework.com",
        },
        services =>
        {
            services.AddSingleton<IMessageHandler>(handler);
        });

    private sealed class CountingHandler : IMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        public Task HandleAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return turnContext.SendActivityAsync("ok", cancellationToken: cancellationToken);
        }
    }
}
