using Chatbot.AI.Pipeline;
using Chatbot.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Chatbot.AI.Tests.Pipeline;

public sealed class ChatPipelineFactoryTests
{
    private static readonly ChatMessage[] s_question = [new(ChatRole.User, "PROMPT-TEXT: what is RLHF?")];

    [Fact]
    public async Task Build_LayersLoggingTelemetryAndResilience()
    {
        await using var host = ChatPipelineTestHost.Create(new Dictionary<string, string?> { ["MaxRetries"] = "4" });

        using var pipeline = host.Services.GetRequiredService<ChatPipelineFactory>().Build(new TestChatClient());

        Assert.NotNull(pipeline.GetService<LoggingChatClient>());
        Assert.NotNull(pipeline.GetService<OpenTelemetryChatClient>());
        Assert.Equal(4, pipeline.GetService<ResilientChatClient>()?.MaxRetries);
        Assert.Null(pipeline.GetService<DistributedCachingChatClient>());
    }

    [Fact]
    public async Task Build_CachesAnswers_WhenEnabledAndACacheIsRegistered()
    {
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "RLHF tunes a model with human preferences."))),
        };
        await using var host = ChatPipelineTestHost.Create(
            new Dictionary<string, string?> { ["EnableCache"] = "true" },
            services => services.AddDistributedMemoryCache());

        using var pipeline = host.Services.GetRequiredService<ChatPipelineFactory>().Build(inner);
        var first = await pipeline.GetResponseAsync(s_question);
        var second = await pipeline.GetResponseAsync(s_question);

        Assert.NotNull(pipeline.GetService<DistributedCachingChatClient>());
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(1, inner.CallCount);
    }

    [Fact]
    public async Task Build_LogsPromptTextOnlyAtTrace()
    {
        var inner = new TestChatClient
        {
            GetResponseAsyncCallback = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ANSWER-TEXT"))),
        };
        await using var debugHost = ChatPipelineTestHost.Create(new Dictionary<string, string?>(), minimumLogLevel: LogLevel.Debug);
        await using var traceHost = ChatPipelineTestHost.Create(new Dictionary<string, string?>(), minimumLogLevel: LogLevel.Trace);

        await debugHost.Services.GetRequiredService<ChatPipelineFactory>().Build(inner).GetResponseAsync(s_question);
        await traceHost.Services.GetRequiredService<ChatPipelineFactory>().Build(inner).GetResponseAsync(s_question);

        Assert.DoesNotContain(debugHost.Logs.GetSnapshot(), r => Mentions(r, "PROMPT-TEXT") || Mentions(r, "ANSWER-TEXT"));
        Assert.All(traceHost.Logs.GetSnapshot().Where(r => Mentions(r, "PROMPT-TEXT")), r => Assert.Equal(LogLevel.Trace, r.Level));
        Assert.Contains(traceHost.Logs.GetSnapshot(), r => Mentions(r, "PROMPT-TEXT"));
    }

    private static bool Mentions(FakeLogRecord record, string text) =>
        record.Message.Contains(text, StringComparison.Ordinal)
        || (record.StructuredState?.Any(s => s.Value?.Contains(text, StringComparison.Ordinal) == true) ?? false);
}
