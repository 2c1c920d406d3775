namespace Chatbot.Testing;

/// <summary>
/// What a fake LLM server does for one chat request: the chunks it streams, with delays,
/// or the fault it shows (an HTTP error, a stall, a connection cut).
/// </summary>
public sealed record FakeChatScript
{
    /// <summary>The answer's pieces, one streamed chunk each; concatenated for a non-streaming reply.</summary>
    public IReadOnlyList<string> Chunks { get; init; } = ["Hello", ", ", "world", "."];

    /// <summary>Wait after the response headers and before the first chunk (a slow first token).</summary>
    public TimeSpan DelayBeforeFirstChunk { get; init; }

    /// <summary>Wait between two chunks.</summary>
    public TimeSpan DelayBetweenChunks { get; init; }

    /// <summary>When set, answer with this HTTP status and an error body instead of chunks.</summary>
    public int? StatusCode { get; init; }

    /// <summary>When set, send this many chunks and then send nothing more until the client gives up.</summary>
    public int? StallAfterChunks { get; init; }

    /// <summary>When set, send this many chunks and then cut the connection.</summary>
    public int? AbortAfterChunks { get; init; }

    /// <summary>
    /// When set, the cut of <see cref="AbortAfterChunks"/> waits for this task. A reset can make the client's network
    /// stack drop bytes it received but had not read yet; a test that means "these chunks arrived, then the connection
    /// broke" completes the task once it has read them.
    /// </summary>
    public Task? AbortWhen { get; init; }

    /// <summary>The whole answer text.</summary>
    public string FullText => string.Concat(Chunks);

    /// <summary>A normal streamed answer made of <paramref name="chunks"/>.</summary>
    public static FakeChatScript Text(params string[] chunks) => new() { Chunks = chunks };

    /// <summary>An HTTP error reply.</summary>
    public static FakeChatScript Error(int statusCode) => new() { StatusCode = statusCode };
}
