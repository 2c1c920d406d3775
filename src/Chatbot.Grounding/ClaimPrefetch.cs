using System.Text;
using Chatbot.Grounding.Features;
using Chatbot.Grounding.Text;
using Chatbot.Knowledge.Text;
using Microsoft.Extensions.AI;

namespace Chatbot.Grounding;

/// <summary>
/// Embeds a model's answer sentence by sentence while the model is still writing it, so that the check which follows
/// the last token has only the last sentence left to embed. Feed it the text as it streams (<see cref="Append"/>); each
/// sentence is embedded once a later one has begun, because only then is it whole. <see cref="CompleteAsync"/> hands
/// the vectors to <see cref="GroundingChecker.CheckAsync(string, IReadOnlyList{GroundingSource}, IReadOnlyList{string}, IReadOnlyDictionary{string, float[]}?, CancellationToken)"/>
/// as known vectors, keyed the way the checker keys a claim.
/// </summary>
/// <remarks>
/// Sentences are embedded one at a time, in the order they were written, on the thread pool; a turn never has more
/// than one embedding in flight. Sentences that are not claims, and sentences that quote a source sentence word for
/// word (whose stored vectors the check uses), are skipped. When the prefix splits differently from the whole answer
/// (rare), a vector goes unused and the check embeds that sentence itself: the result is the same either way.
/// Not thread-safe: one writer appends.
/// </remarks>
public sealed class ClaimPrefetch
{
    private static readonly System.Buffers.SearchValues<char> Stops = System.Buffers.SearchValues.Create(".!?;:\n\u2026");

    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IReadOnlySet<string> _quotable;
    private readonly CancellationToken _cancellationToken;
    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private Task _chain = Task.CompletedTask;
    private int _whole;
    private bool _stopSeen;

    internal ClaimPrefetch(IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlySet<string> quotable, CancellationToken cancellationToken)
    {
        _embedder = embedder;
        _quotable = quotable;
        _cancellationToken = cancellationToken;
    }

    /// <summary>How many sentences have been handed to the embedder so far.</summary>
    public int Started => _started.Count;

    /// <summary>Adds the next piece of the answer; starts embedding every sentence it completes.</summary>
    public void Append(string delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        _text.Append(delta);

        // A sentence can only have ended at a stop or a line break that is followed by white space: split the text again
        // only then, not on every token.
        _stopSeen |= delta.AsSpan().IndexOfAny(Stops) >= 0;
        if (!_stopSeen || delta.AsSpan().IndexOfAny(' ', '\n') < 0)
        {
            return;
        }

        var text = _text.ToString();
        var sentences = SentenceSplitter.Default.Split(text);
        for (var i = _whole; i < sentences.Count - 1; i++)
        {
            Start(sentences[i].Text);
        }

        var completed = sentences.Count - 1 > _whole;
        _whole = Math.Max(_whole, sentences.Count - 1);
        if (!completed)
        {
            // The stop did not end a sentence yet ("2031\n- ", "e.g. "): look again at the next word.
            return;
        }

        // A line break, or a stop (or a citation after it, "... 2031. [1]"), at the very end may close the last sentence;
        // the next word will tell.
        var end = text.AsSpan().TrimEnd(' ');
        var trimmed = end.TrimEnd();
        _stopSeen = (end.Length > 0 && end[^1] == '\n') || (trimmed.Length > 0 && (Stops.Contains(trimmed[^1]) || trimmed[^1] == ']'));
    }

    /// <summary>Waits for the embeddings started so far (the last sentence is left to the check) and returns them by claim text.</summary>
    public async Task<IReadOnlyDictionary<string, float[]>> CompleteAsync()
    {
        await _chain.ConfigureAwait(false);
        _cancellationToken.ThrowIfCancellationRequested();
        lock (_vectors)
        {
            return new Dictionary<string, float[]>(_vectors, StringComparer.Ordinal);
        }
    }

    private void Start(string sentence)
    {
        if (!ClaimDetector.IsClaim(sentence))
        {
            return;
        }

        var text = TextAnalyzer.StripListPrefix(sentence);
        if (_quotable.Contains(text) || !_started.Add(text))
        {
            return;
        }

        _chain = EmbedAfterAsync(_chain, text);
    }

    private async Task EmbedAfterAsync(Task previous, string text)
    {
        await previous.ConfigureAwait(false);
        if (_cancellationToken.IsCancellationRequested)
        {
            return;
        }

        // Off the writer's thread: the model's next tokens keep arriving while this sentence is embedded.
        await Task.Yield();
        try
        {
            var generated = await _embedder.GenerateAsync([text], cancellationToken: _cancellationToken).ConfigureAwait(false);
            var vector = GroundingAnalyzer.Normalize(generated[0].Vector.ToArray());
            lock (_vectors)
            {
                _vectors[text] = vector;
            }
        }
        catch (Exception) when (!_cancellationToken.IsCancellationRequested)
        {
            // Only a head start: the check embeds this sentence itself, and reports a failing embedder there.
        }
        catch (OperationCanceledException)
        {
            // The turn was cancelled; CompleteAsync reports it.
        }
    }
}
