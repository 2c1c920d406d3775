using System.Net;
using Chatbot.Tests.Fakes;
using Chatbot.Tests.Hosting;

namespace Chatbot.Tests.DirectLine;

/// <summary><c>POST /api/directline/token</c>, against a fake of Azure's Direct Line on loopback.</summary>
public sealed class AzureTokenEndpointTests
{
    private const string AzureSecret = "the-azure-direct-line-channel-secret";

    [Fact]
    public async Task WithoutAnAzureSecret_TheEndpointIsNotThere()
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/directline/token", content: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithAnAzureSecret_ThePageGetsAToken_ButNeverTheSecret()
    {
        await using var azure = await FakeAzureDirectLine.StartAsync(AzureSecret);
        await using var app = new ChatbotAppFactory(new Dictionary<string, string?>
        {
            ["DirectLine:AzureSecret"] = AzureSecret,
            ["DirectLine:AzureEndpoint"] = azure.Endpoint.ToString(),
        }, environment: "Production");
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/directline/token", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(AzureSecret, text, StringComparison.Ordinal);
        var body = System.Text.Json.Nodes.JsonNode.Parse(text)!;
        Assert.Equal("azure-token-1", (string?)body["token"]);
        Assert.Equal("azure-conversation-1", (string?)body["conversationId"]);
        Assert.Equal(3600, (int?)body["expires_in"]);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());

        var request = Assert.Single(azure.Requests);
        Assert.Equal($"Bearer {AzureSecret}", request.Authorization);
        Assert.StartsWith("dl_", request.Body.GetProperty("user").GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAzureRefuses_ThePageGets502_WithoutTheSecret()
    {
        await using var azure = await FakeAzureDirectLine.StartAsync("another-secret-than-configured");
        await using var app = new ChatbotAppFactory(new Dictionary<string, string?>
        {
            ["DirectLine:AzureSecret"] = AzureSecret,
            ["DirectLine:AzureEndpoint"] = azure.Endpoint.ToString(),
        });
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/directline/token", content: null);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(AzureSecret, text, StringComparison.Ordinal);
        Assert.Contains("\"ServiceError\"", text, StringComparison.Ordinal);
        Assert.Single(azure.Requests);
    }
}
