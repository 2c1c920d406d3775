using System.Diagnostics;
using Chatbot.AI.Prompting;
using Chatbot.Knowledge.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.AI.Understanding;

/// <summary>
/// Understands a message once, where it enters the turn: normalizes it, parses its parts, the subject it asks to
/// define, the claim it asks to check and the things it compares, and embeds what needs a vector in one call.
/// </summary>
/// <remarks>
/// The one embedding call holds the message itself and, only when the message has them, its later parts, its claim
/// and, for a follow-up, the earlier question joined to it: every text is the user's. Thread-safe; a singleton.
/// </remarks>
public sealed partial class MessageAnalyzer
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _generator;
    private readonly IMessageParser _parser;
    private readonly ILogger _logger;

    /// <param name="generator">The embedding model of the knowledge index (MiniLM in production).</param>
    /// <param name="parser">The text rules of the conversation layer.</param>
    /// <param name="logger">Optional logger; message text is logged at Trace only.</param>
    public MessageAnalyzer(IEmbeddingGenerator<string, Embedding<float>> generator, IMessageParser parser, ILogger<MessageAnalyzer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(parser);
        _generator = generator;
        _parser = parser;
        _logger = logger ?? NullLogger<MessageAnalyzer>.Instance;
    }

    /// <summary>Analyses <paramref name="text"/>. When the model fails, the analysis has empty vectors (<see cref="MessageAnalysis.HasVectors"/> is false).</summary>
    /// <param name="text">The user's message.</param>
    /// <param name="previousQuestion">The conversation's last question, which a follow-up ("why?") is about; null when there is none.</param>
    /// <param name="cancellationToken">Cancels the embedding.</param>
    public async Task<MessageAnalysis> AnalyzeAsync(string text, string? previousQuestion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = ChatbotTelemetry.Source.StartActivity("analyze");
        var started = Stopwatch.GetTimestamp();
        var trimmed = text.Trim();
        Log.Analyzing(_logger, trimmed);
        var normalized = _parser.Normalize(trimmed);

        // Every text to embed, in one batch: the message first.
        // The message as written: spelling correction serves the rules, but it knows only the intent examples' words and
        // would turn a question's own words into others ("100 million users" into "100 millions uses").
        var inputs = new List<string> { trimmed };
        var parts = normalized.Length == 0 ? [trimmed] : QuestionParts.Split(trimmed);
        var partTexts = parts.Count > 1 ? parts.Select(part => QuestionParts.WithSubject(part, parts[0])).ToArray() : [];
        inputs.AddRange(partTexts);

        var claim = _parser.MayBeClaim(normalized) ? ClaimStatement.From(trimmed) : string.Empty;
        var claimSentence = claim.Length == 0 ? null : ClaimStatement.AsSentence(claim);
        if (claimSentence is not null)
        {
            inputs.Add(claimSentence);
        }

        var followUp = previousQuestion is { Length: > 0 } previous && _parser.IsFollowUp(trimmed) ? $"{previous} {trimmed}" : null;
        if (followUp is not null)
        {
            inputs.Add(followUp);
        }

        var compares = _parser.TryParseComparison(normalized, trimmed, out var left, out var right);

        // A cancelled token would surface from ONNX Runtime as its own error; fail the usual way first.
        cancellationToken.ThrowIfCancellationRequested();
        float[][] vectors;
        try
        {
            var embeddings = await _generator.GenerateAsync(inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (embeddings.Count != inputs.Count)
            {
                throw new InvalidOperationException($"The embedding generator returned {embeddings.Count} vectors for {inputs.Count} texts.");
            }

            vectors = embeddings.Select(embedding => Unit(embedding.Vector)).ToArray();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Rules still understand "start over" or "talk to a human" without a model; whatever needs a vector
            // (similarity, search) finds none and fails as it would have.
            Log.EmbeddingFailed(_logger, exception);
            vectors = inputs.Select(_ => Array.Empty<float>()).ToArray();
        }

        var next = 1;
        var analysis = new MessageAnalysis
        {
            Text = trimmed,
            Normalized = normalized,
            Vector = vectors[0],
            Parts = partTexts.Select(part => new AnalyzedText(part, vectors[next++])).ToArray(),
            DefinedSubject = QuestionParts.DefinedSubject(trimmed),
            Claim = claimSentence is null ? null : new AnalyzedText(claimSentence, vectors[next++]),
            FollowUp = followUp is null ? null : new AnalyzedText(followUp, vectors[next++]),
            ComparedLeft = compares ? left : null,
            ComparedRight = compares ? right : null,
        };
        activity?.SetTag("chatbot.embedded_texts", inputs.Count);
        Log.Analyzed(_logger, inputs.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return analysis;
    }

    private static float[] Unit(ReadOnlyMemory<float> vector)
        => Normalized(vector.ToArray());

    private static float[] Normalized(float[] copy)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(copy);
        if (norm > 0 && MathF.Abs(norm - 1f) > 1e-4f)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(copy, norm, copy);
        }

        return copy;
    }

    private static partial class Log
    {
        // User input: Trace only.
        [LoggerMessage(1, LogLevel.Trace, "Analysing message: {Text}")]
        public static partial void Analyzing(ILogger logger, string text);

        [LoggerMessage(3, LogLevel.Error, "Embedding the message failed; only the rules can read it.")]
        public static partial void EmbeddingFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Debug, "Analysed the message: {Texts} texts embedded in one call, {ElapsedMs:F1} ms.")]
        public static partial void Analyzed(ILogger logger, int texts, double elapsedMs);
    }
}
