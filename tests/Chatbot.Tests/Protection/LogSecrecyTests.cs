using System.Net;
using Chatbot.Tests.Admin;
using Chatbot.Tests.DirectLine;
using Chatbot.Tests.Fakes;
using Chatbot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Chatbot.Tests.Protection;

/// <summary>
/// Every log line the app writes, at every level, while turns run on /api/messages (with Bot Framework auth) and
/// Direct Line (with its secret) and the admin report is read: no secret or token anywhere, user text only at Trace.
/// </summary>
public sealed class LogSecrecyTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AppId = "5d2e8c41-7a3b-4f19-8e6d-0c9b1a2f3e47";
    private const string AppPassword = "edge-app-password-Q7v!x2#Lm9";
    private const string DirectLineSecret = "edge-direct-line-secret-Hk38sPz01";
    private const string AdminKey = "edge-admin-key-Wp4nR6tY8uI0";
    private const string OpenAIKey = "sk-edge-openai-key-Zm5Xc7Vb9N";
    private const string ApiMessage = "Zebrafish marmalade 7731: what is a generative adversarial network?";
    private const string DirectLineMessage = "Quokka saxophone 4410: how does tokenization work?";

    private FakeTokenIssuer _issuer = null!;

    public async Task InitializeAsync() => _issuer = await FakeTokenIssuer.StartAsync();

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    [Fact]
    public async Task SecretsAreNeverLogged_AndMessageTextOnlyAtTrace()
    {
        using var folder = new SqliteAppFolder();
        var logs = new CollectingLoggerProvider();
        await using var app = new ChatbotAppFactory(
            folder.Settings(
                ("MicrosoftAppId", AppId),
                ("MicrosoftAppPassword", AppPassword),
                ("MicrosoftAppType", "MultiTenant"),
                ("ToBotFromChannelOpenIdMetadataUrl", _issuer.MetadataUrl),
                ("ToBotFromChannelTokenIssuer", FakeTokenIssuer.ChannelIssuer),
                ("ToChannelFromBotLoginUrl", "https://login.microsoftonline.com/botframework.com"),
                ("ToChannelFromBotOAuthScope", "https://api.botframework.com"),
                ("OAuthUrl", "https://api.botframework.com"),
                ("DirectLine:Enabled", "true"),
                ("DirectLine:Secret", DirectLineSecret),
                ("Admin:ApiKey", AdminKey),
                ("Llm:OpenAI:ApiKey", OpenAIKey),
                ("Logging:LogLevel:Default", "Trace"),
                ("Logging:LogLevel:Microsoft", "Trace"),
                ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
                ("Logging:LogLevel:System", "Trace")),
            services => services.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace)));
        using var http = app.CreateClient();

        // A turn on /api/messages with a valid channel token, and one without (401).
        var activity = Activities.Message(ApiMessage, "secrecy-1", expectReplies: true);
        var token = _issuer.IssueToken(AppId, (string)activity["serviceUrl"]!);
        using var answered = await http.PostAsync(activity, token);
        using var unauthenticated = await http.PostAsync(Activities.Message(ApiMessage, "secrecy-2", expectReplies: true));

        // A Direct Line conversation opened with the secret, and an answered message.
        var directLine = new DirectLineTestClient(http);
        await directLine.StartAsync(DirectLineSecret);
        var id = await directLine.SendMessageAsync(DirectLineMessage, "secrecy-dl-1");
        await directLine.WaitForAsync(received => received.Any(a => DirectLineTestClient.IsBotMessage(a) && (string?)a["replyToId"] == id), "the Direct Line answer");

        // The admin report, with the key and with a wrong one.
        using var report = await http.SendAsync(AdminAppFactory.Get("/admin/report", AdminKey));
        using var wrongKey = await http.SendAsync(AdminAppFactory.Get("/admin/report", AdminKey + "x"));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        var lines = logs.Lines;
        var secrets = new[] { AppPassword, DirectLineSecret, AdminKey, OpenAIKey, token, directLine.Token! };
        var recognisable = new[] { "Zebrafish marmalade", "Quokka saxophone" };
        var withText = lines.Where(l => recognisable.Any(r => l.Text.Contains(r, StringComparison.OrdinalIgnoreCase))).ToList();
        output.WriteLine($"{lines.Count} log lines at every level ({string.Join(", ", lines.GroupBy(l => l.Level).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); "
            + $"{withText.Count} hold a message's text, at {string.Join(", ", withText.Select(l => l.Level).Distinct())}");

        Assert.True(lines.Count > 50, "the collector saw the app's logs");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(lines, l => l.Text.Contains(secret, StringComparison.Ordinal));
        }

        Assert.All(withText, l => Assert.True(l.Level == LogLevel.Trace, $"user text at {l.Level} in {l.Category}: {l.Text}"));
    }
}
