using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Chatbot.Testing;
using Chatbot.Tests.Hosting;
using Xunit.Abstractions;

namespace Chatbot.Tests.Reliability;

/// <summary>
/// Whole HTTP turns on a model that fails in every way a model server does (refused connection, HTTP 500, a first
/// token that never comes, a stream that stalls, a connection cut mid-answer): every message is still answered once,
/// by the extractive fallback, with its citations and a notice saying the model was not used. The pipeline's own
/// handling of each fault is tested in Chatbot.AI.Tests (ModelPipelineTests); this is the user's side of it.
/// </summary>
public sealed partial class ModelFaultTests(ITestOutputHelper output)
{
    private const string FallbackNotice = "so this answer is quoted straight from my sources";

    private static readonly string[] s_questions = ["What is a GAN?", "How does a transformer work?", "What is tokenization?"];

    public static TheoryData<string> ServerFaults => ["http-500", "first-token-timeout", "stalled-stream", "cut-mid-answer"];

    [Theory]
    [MemberData(nameof(ServerFaults))]
    public async Task EveryTurn_OnAFailingModel_IsAnsweredByTheFallback_WithItsNotice(string fault)
    {
        await using var model = await FakeOllamaServer.StartAsync("llama3.2:latest");
        model.DefaultScript = Script(fault);
        using var data = new SqliteDataFolder();
        await using var app = new ChatbotAppFactory(data.Settings(more: OnModel(model.BaseAddress)));

        var (answered, withNotice) = await AskAllAsync(app.CreateClient(), fault);

        output.WriteLine($"{fault}: {model.ChatRequestCount} faulty model calls for {s_questions.Length} turns; answered {answered}, with the fallback notice {withNotice}");
        Assert.True(model.ChatRequestCount >= s_questions.Length, $"the model was called {model.ChatRequestCount} times for {s_questions.Length} turns");
        Assert.Equal(s_questions.Length, answered);
        Assert.Equal(s_questions.Length, withNotice);
    }

    [Fact]
    public async Task EveryTurn_OnARefusedConnection_IsAnsweredByTheFallback_WithItsNotice()
    {
        using var data = new SqliteDataFolder();
        await using var app = new ChatbotAppFactory(data.Settings(more: OnModel(new Uri($"http://127.0.0.1:{ClosedPort()}/"))));

        var (answered, withNotice) = await AskAllAsync(app.CreateClient(), "refused");

        output.WriteLine($"refused: {s_questions.Length} turns against a closed port; answered {answered}, with the fallback notice {withNotice}");
        Assert.Equal(s_questions.Length, answered);
        Assert.Equal(s_questions.Length, withNotice);
    }

    [Fact]
    public async Task AfterTheModelRecovers_TurnsUseItAgain()
    {
        await using var model = await FakeOllamaServer.StartAsync("llama3.2:latest");
        model.DefaultScript = FakeChatScript.Error(500);
        using var data = new SqliteDataFolder();
        await using var app = new ChatbotAppFactory(data.Settings(more: OnModel(model.BaseAddress)));
        var user = new Conversation.BotConversation(app.CreateClient(), "model-recovers");

        var during = await user.SayAsync("What is a GAN?");
        model.DefaultScript = FakeChatScript.Text("A GAN pits a generator against a discriminator [1].");
        var after = await user.SayAsync("How does a transformer work?");

        Assert.Contains(FallbackNotice, during, StringComparison.Ordinal);
        Assert.DoesNotContain(FallbackNotice, after, StringComparison.Ordinal);
    }

    private async Task<(int Answered, int WithNotice)> AskAllAsync(HttpClient client, string fault)
    {
        var answered = 0;
        var withNotice = 0;
        foreach (var question in s_questions)
        {
            var activity = Activities.Message(question, $"fault-{fault}", expectReplies: true);
            using var response = await client.PostAsync(activity);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answers = (await response.ReadRepliesAsync())
                .Where(a => (string?)a!["type"] == "message" && (string?)a["replyToId"] == (string?)activity["id"])
                .Select(a => (string?)a!["text"] ?? "")
                .ToList();
            output.WriteLine($"{fault} / {question}: {string.Join(" | ", answers.Select(a => a.Length > 160 ? a[..160] + "…" : a))}");
            if (answers.Count == 1 && Citation().IsMatch(answers[0]))
            {
                answered++;
                if (answers[0].Contains(FallbackNotice, StringComparison.Ordinal))
                {
                    withNotice++;
                }
            }
        }

        return (answered, withNotice);
    }

    /// <summary>The app on an Ollama server, with timeouts short enough for a test and no circuit breaker in the way.</summary>
    private static KeyValuePair<string, string?>[] OnModel(Uri endpoint) =>
    [
        new("Llm:Provider", "Ollama"),
        new("Llm:Ollama:Endpoint", endpoint.AbsoluteUri),
        new("Llm:Ollama:Model", "llama3.2"),
        new("Llm:EnableCache", "false"),
        new("Llm:FirstTokenTimeoutSeconds", "1"),
        new("Llm:StallTimeoutSeconds", "1"),
        new("Llm:TotalTimeoutSeconds", "5"),
        new("Llm:MaxRetries", "1"),
        new("Llm:RetryBaseDelayMilliseconds", "10"),
        new("Llm:BreakAfterFailures", "100"),
        new("Llm:ProbeTimeoutSeconds", "1"),
    ];

    private static FakeChatScript Script(string fault) => fault switch
    {
        "http-500" => FakeChatScript.Error(500),
        "first-token-timeout" => FakeChatScript.Text("Too", " late.") with { DelayBeforeFirstChunk = TimeSpan.FromSeconds(4) },
        "stalled-stream" => FakeChatScript.Text("A GAN is ", "a pair of ", "networks [1].") with { StallAfterChunks = 2 },
        "cut-mid-answer" => FakeChatScript.Text("A GAN is ", "a pair of ", "networks [1].") with { AbortAfterChunks = 2 },
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>A port nothing listens on: bound by us for a moment, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Citation();
}
