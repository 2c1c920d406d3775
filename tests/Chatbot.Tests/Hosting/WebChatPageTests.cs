using Chatbot.Testing.Files;
using System.Net;
using System.Text.Json.Nodes;
using Chatbot.Hosting;

namespace Chatbot.Tests.Hosting;

/// <summary>The Web Chat page that the build copies into wwwroot (src/Chatbot/WebChat), served at "/".</summary>
public sealed class WebChatPageTests
{
    [Fact]
    public async Task Root_ServesThePage_WithTheWebChatScriptAndItsSecurityPolicy()
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Generative AI Guide</title>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"webchat.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"app.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // the policy forbids inline scripts
        Assert.Equal(WebChatPageExtensions.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task WebChatBundle_IsServed_AtTheVersionTheLockFilePins()
    {
        var lockFile = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("src", "Chatbot", "WebChat", "package-lock.json")))!;
        var pinned = (string)lockFile["packages"]!["node_modules/botframework-webchat"]!["version"]!;
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/webchat.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var bundle = await response.Content.ReadAsStringAsync();
        Assert.True(bundle.Length > 1_000_000, $"webchat.js is {bundle.Length} characters; the full browser bundle is about 4 MB");
        Assert.Contains($"\"{pinned}\"", bundle, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app.js", "text/javascript", "createDirectLine")]
    [InlineData("/site.css", "text/css", ".chat__webchat")]
    public async Task PageFiles_AreServed(string path, string mediaType, string expected)
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BotAndHealthEndpoints_StillAnswer_BesideThePage()
    {
        await using var app = new ChatbotAppFactory();
        using var client = app.CreateClient();

        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var messages = await client.GetAsync(new Uri("/api/messages", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, messages.StatusCode); // POST only, not a static file
    }
}
