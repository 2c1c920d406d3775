using System.Net;
using Chatbot.Conversation.Hosting;

namespace Chatbot.Conversation.Tests.Hosting;

public sealed class ConnectorRetryHandlerTests
{
    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task TransientRefusals_AreRetriedWithTheSameBody(HttpStatusCode refusal)
    {
        var channel = new ScriptedChannel(refusal, refusal, HttpStatusCode.OK);
        using var client = Client(channel, maxAttempts: 4);

        using var response = await client.PostAsync(new Uri("https://smba.example/v3/conversations/c/activities"), new StringContent("{\"text\":\"hi\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["{\"text\":\"hi\"}", "{\"text\":\"hi\"}", "{\"text\":\"hi\"}"], channel.Bodies);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task OtherFailures_AreNotRetried(HttpStatusCode failure)
    {
        var channel = new ScriptedChannel(failure, HttpStatusCode.OK);
        using var client = Client(channel, maxAttempts: 4);

        using var response = await client.PostAsync(new Uri("https://smba.example/x"), new StringContent("{}"));

        Assert.Equal(failure, response.StatusCode);
        Assert.Single(channel.Bodies);
    }

    [Fact]
    public async Task GivesUp_AfterTheLastAttempt_WithTheChannelsAnswer()
    {
        var channel = new ScriptedChannel(HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        using var client = Client(channel, maxAttempts: 2);

        using var response = await client.PostAsync(new Uri("https://smba.example/x"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(2, channel.Bodies.Count);
    }

    [Fact]
    public async Task RetryAfter_IsHonouredUpToTheLongestWait()
    {
        var channel = new ScriptedChannel(HttpStatusCode.TooManyRequests, HttpStatusCode.OK) { RetryAfter = TimeSpan.FromMinutes(5) };
        using var client = Client(channel, maxAttempts: 3, maxDelay: TimeSpan.FromMilliseconds(200));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        using var response = await client.PostAsync(new Uri("https://smba.example/x"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(30));
    }

    private static HttpClient Client(HttpMessageHandler channel, int maxAttempts, TimeSpan? maxDelay = null) =>
        new(new ConnectorRetryHandler(maxAttempts, TimeSpan.FromMilliseconds(5), maxDelay ?? TimeSpan.FromMilliseconds(50)) { InnerHandler = channel });

    private sealed class ScriptedChannel(params HttpStatusCode[] statuses) : HttpMessageHandler
    {
        private int _next;

        public List<string> Bodies { get; } = [];

        public TimeSpan? RetryAfter { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            var response = new HttpResponseMessage(statuses[Math.Min(_next++, statuses.Length - 1)]);
            if (RetryAfter is { } wait)
            {
                response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            }

            return response;
        }
    }
}
