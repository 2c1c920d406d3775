using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Chatbot.Tests.Hosting;
using Xunit.Abstractions;

namespace Chatbot.Tests.Reliability;

/// <summary>
/// Moderate load for minutes on the product as users run it (default SQLite storage, the extractive backend):
/// several conversations at once through /api/messages, each message answered exactly once, none lost, no error.
/// </summary>
/// <remarks>
/// The duration is <see cref="DurationVariable"/> seconds (default 300: the CI run); set it lower for a quick local run.
/// The load stays under the shipped rate limits, which this test sets explicitly to their defaults (7 messages a second
/// per conversation, 1,200 requests a minute per client): each conversation sends at most 2 messages a second, all of
/// them together at most 8 a second (480 a minute), so a 429 here is a failure, not the limit working.
/// </remarks>
public sealed class SustainedLoadTests(ITestOutputHelper output)
{
    /// <summary>The environment variable that sets the load's duration in seconds.</summary>
    public const string DurationVariable = "CHATBOT_LOAD_SECONDS";

    private const int Conversations = 4;
    private const double MessagesPerSecondPerConversation = 2;

    // The request count is bounded whatever the duration: 5 minutes at the pace above.
    private const int MaxTurns = 2400;

    private static readonly string[] s_questions =
    [
        "What is a GAN?",
        "How does a transformer work?",
        "GPT-3 vs GPT-4",
        "Is it true that DALL-E was made by Google?",
        "What is tokenization?",
        "why do chatbots make things up?",
        "How do diffusion models create images?",
        "tell me more",
    ];

    [Fact]
    public async Task ConversationsUnderModerateLoad_GetEveryMessageAnsweredExactlyOnce()
    {
        var duration = TimeSpan.FromSeconds(DurationSeconds());
        using var data = new SqliteDataFolder();
        await using var app = new ChatbotAppFactory(data.Settings(more:
        [
            new("Protection:MessagesPerSecondPerConversation", "7"),
            new("Protection:RequestsPerMinutePerClient", "1200"),
        ]));
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(60);

        // The first turn builds what is built once (the index, the models); it is not part of the load.
        using (var warm = await client.PostAsync(Activities.Message("hi", "load-warm-up", expectReplies: true)))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var outcomes = new ConcurrentBag<TurnOutcome>();
        var budget = Math.Min(MaxTurns, (int)(duration.TotalSeconds * MessagesPerSecondPerConversation * Conversations));
        var remaining = budget;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Conversations).Select(async c =>
        {
            var conversationId = $"load-{c}-{Guid.NewGuid():N}";
            var interval = TimeSpan.FromSeconds(1 / MessagesPerSecondPerConversation);
            for (var turn = 0; Stopwatch.GetTimestamp() < deadline && Interlocked.Decrement(ref remaining) >= 0; turn++)
            {
                var due = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
                outcomes.Add(await SendAsync(client, conversationId, s_questions[(c + turn) % s_questions.Length]));
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var all = outcomes.ToList();
        var answered = all.Count(o => o.Answers == 1 && o.Error is null);
        var lost = all.Count(o => o.Answers == 0);
        var doubled = all.Count(o => o.Answers > 1);
        var errors = all.Where(o => o.Error is not null).ToList();
        var latencies = all.Select(o => o.Milliseconds).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Conversations} conversations for {elapsed.TotalSeconds:F0} s on SQLite: turns sent {all.Count}, answered {answered}, lost {lost}, doubled {doubled}, errors {errors.Count}; {all.Count / elapsed.TotalSeconds:F1} turns/s, p50 {Percentile(latencies, 0.5):F0} ms, p95 {Percentile(latencies, 0.95):F0} ms, max {latencies.LastOrDefault():F0} ms"));
        foreach (var error in errors.Take(5))
        {
            output.WriteLine($"error: {error.Error}");
        }

        Assert.True(all.Count >= Math.Min(budget, Conversations * duration.TotalSeconds), $"only {all.Count} turns were sent in {elapsed.TotalSeconds:F0} s");
        Assert.Empty(errors);
        Assert.Equal(0, lost);
        Assert.Equal(0, doubled);
        Assert.Equal(all.Count, answered);
    }

    private static async Task<TurnOutcome> SendAsync(HttpClient client, string conversationId, string text)
    {
        var activity = Activities.Message(text, conversationId, expectReplies: true);
        var id = (string)activity["id"]!;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostAsync(activity);
            var body = await response.Content.ReadAsStringAsync();
            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new TurnOutcome(0, milliseconds, $"HTTP {(int)response.StatusCode}: {body[..Math.Min(body.Length, 200)]}");
            }

            // An answer is a message that replies to this activity; typing indicators and trace activities are not.
            var answers = JsonNode.Parse(body)!["activities"]!.AsArray()
                .Count(a => (string?)a!["type"] == "message" && (string?)a["replyToId"] == id);
            var failed = body.Contains("Sorry, something went wrong", StringComparison.Ordinal);
            return new TurnOutcome(answers, milliseconds, failed ? $"the turn failed: {body[..Math.Min(body.Length, 200)]}" : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return new TurnOutcome(0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static double DurationSeconds()
    {
        var value = Environment.GetEnvironmentVariable(DurationVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return 300;
        }

        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 3600
            ? seconds
            : throw new InvalidOperationException($"{DurationVariable} must be a number of seconds from 1 to 3600 (got '{value}').");
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private sealed record TurnOutcome(int Answers, double Milliseconds, string? Error);
}
