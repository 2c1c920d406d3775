using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Chatbot.Knowledge.Embeddings;
using Chatbot.Tests.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.Conversation;

/// <summary>
/// A turn understands the message once: one embedding call, holding only the user's own words, whatever the intent.
/// Source sentences come with their vectors from the index and are never embedded at query time.
/// </summary>
public sealed partial class OnePassTurnTests
{
    [Theory]
    [InlineData("what is a generative adversarial network?", 1)] // Ask
    [InlineData("GANs vs diffusion models", 1)] // Compare: each side is searched with the message's vector
    [InlineData("is it true that GPT-4 was released in 2021?", 2)] // CheckClaim: the message and its claim
    [InlineData("When did ChatGPT launch, and how long did it take to reach 100 million users?", 3)] // the message and its two parts
    public async Task Turn_EmbedsTheUsersTextInOneCall_AndNoSourceSentence(string message, int texts)
    {
        var embeddings = new RecordingEmbeddingGenerator();
        await using var app = new ChatbotAppFactory(services: embeddings.Register);
        var user = new BotConversation(app.CreateClient(), "one-pass");
        await user.SayAsync("hi"); // builds what is built once (the index, the intent examples)
        embeddings.Clear();

        var answer = await user.SayAsync(message);

        Assert.Matches(@"\[\d\]", answer);
        var calls = embeddings.Calls;
        Assert.True(calls.Count == 1, $"{calls.Count} embedding calls: {string.Join(" | ", calls.Select(c => string.Join(" ; ", c)))}");
        var call = calls[0];
        Assert.Equal(texts, call.Length);
        Assert.All(call, text => AssertOnlyWordsOf(message, text));
    }

    [Fact]
    public async Task FollowUp_EmbedsItWithThePreviousQuestion_InOneCall()
    {
        var embeddings = new RecordingEmbeddingGenerator();
        await using var app = new ChatbotAppFactory(services: embeddings.Register);
        var user = new BotConversation(app.CreateClient(), "one-pass-follow-up");
        await user.SayAsync("what is tokenization?");
        embeddings.Clear();

        var more = await user.SayAsync("tell me more");

        Assert.Matches(@"\[\d\]", more);
        var call = Assert.Single(embeddings.Calls);
        Assert.Equal(2, call.Length);
        Assert.All(call, text => AssertOnlyWordsOf("what is tokenization? tell me more", text));
    }

    private static void AssertOnlyWordsOf(string message, string embedded)
    {
        var said = Word().Matches(message.ToLowerInvariant()).Select(m => m.Value).ToHashSet();
        var foreign = Word().Matches(embedded.ToLowerInvariant()).Select(m => m.Value).Where(w => !said.Contains(w)).ToList();
        Assert.True(foreign.Count == 0, $"'{embedded}' holds words the user did not write: {string.Join(", ", foreign)}");
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();

    /// <summary>The app's embedding model, recording the texts of every call.</summary>
    private sealed class RecordingEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly ConcurrentQueue<string[]> _calls = new();
        private IEmbeddingGenerator<string, Embedding<float>>? _inner;

        public IReadOnlyList<string[]> Calls => [.. _calls];

        public void Clear() => _calls.Clear();

        /// <summary>Puts the recorder in front of the app's MiniLM model.</summary>
        public void Register(IServiceCollection services) =>
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            {
                _inner = sp.GetRequiredService<MiniLmEmbeddingGenerator>();
                return this;
            });

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var texts = values.ToArray();
            _calls.Enqueue(texts);
            return _inner!.GenerateAsync(texts, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => _inner?.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
