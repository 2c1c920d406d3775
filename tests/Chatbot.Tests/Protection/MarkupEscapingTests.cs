using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chatbot.Testing.Files;
using Chatbot.Tests.Admin;
using Chatbot.Tests.Conversation;
using Chatbot.Tests.Hosting;

namespace Chatbot.Tests.Protection;

/// <summary>
/// Markup a user sends is never given back as markup: not in the bot's replies (which Web Chat renders), not in the
/// transcript or report the admin page reads, and the pages' own scripts write data only as text.
/// </summary>
public sealed partial class MarkupEscapingTests
{
    private const string Hostile = "<script>alert('edge')</script><img src=x onerror=alert(2)> do you sell <b>bikes</b>?";

    [Fact]
    public async Task AMessageWithScript_IsNeverEchoedAsMarkup_AndTheAdminSeesItAsText()
    {
        using var folder = new SqliteAppFolder();
        await using var app = new ChatbotAppFactory(folder.Settings(("Admin:ApiKey", AdminAppFactory.Key)));
        using var client = app.CreateClient();
        var conversation = new BotConversation(client, "markup-1");

        var replies = await conversation.SendAsync(Hostile);
        var sources = await conversation.SendAsync("show me the sources");

        foreach (var reply in replies.Concat(sources))
        {
            var json = reply!.ToJsonString();
            Assert.DoesNotMatch(RawMarkup(), (string?)reply["text"] ?? string.Empty);
            Assert.DoesNotMatch(RawMarkup(), json.Replace("\\u003C", "<", StringComparison.Ordinal)); // not in cards or data either
        }

        using var transcript = await client.SendAsync(AdminAppFactory.Get("/admin/transcripts/markup-1?channel=emulator"));
        Assert.Equal(HttpStatusCode.OK, transcript.StatusCode);
        Assert.Equal("application/json", transcript.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", transcript.Headers.GetValues("X-Content-Type-Options").Single());
        var body = await transcript.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase); // escaped in the JSON (\u003C)
        var texts = JsonNode.Parse(body)!["activities"]!.AsArray().Select(a => (string?)a!["text"]).ToList();
        Assert.Contains(Hostile, texts); // kept as the user wrote it, for the page to show as text

        using var report = await client.SendAsync(AdminAppFactory.Get("/admin/report"));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.DoesNotContain("<script", await report.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("src", "Chatbot", "AdminPage", "admin.js")]
    [InlineData("src", "Chatbot", "WebChat", "app.js")]
    public void PageScripts_WriteDataAsTextOnly(params string[] path)
    {
        var script = File.ReadAllText(RepositoryRoot.Combine(path));

        Assert.DoesNotMatch(HtmlSinks(), script);
        Assert.Contains("textContent", script, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWebChatPage_TakesMarkdownButNoHtml_FromTheBot()
    {
        // Web Chat renders the bot's Markdown itself and strips HTML from it; the page must not swap in a renderer that keeps HTML.
        var script = File.ReadAllText(RepositoryRoot.Combine("src", "Chatbot", "WebChat", "app.js"));

        Assert.DoesNotContain("renderMarkdown", script, StringComparison.Ordinal);
        Assert.DoesNotContain("dangerouslySetInnerHTML", script, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<\s*(script|img|iframe|svg|b)\b|onerror\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex RawMarkup();

    [GeneratedRegex(@"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\(")]
    private static partial Regex HtmlSinks();
}
