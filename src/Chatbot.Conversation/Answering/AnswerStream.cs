using Chatbot.AI.Answers;
using Chatbot.AI.Responding;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Chatbot.Conversation.Answering;

/// <summary>
/// Sends an answer as it is written, where the client shows a stream (Teams personal chats, Web Chat): first an
/// informative update ("Searching the knowledge base…"), then updates carrying the whole text so far, each a
/// <c>typing</c> activity with a <c>streaminfo</c> entity and an increasing sequence, at least a second apart, then the
/// final message with its citations, label and feedback, which ends the stream. Elsewhere, a typing indicator and the
/// one final message. A stream that the channel refuses, or that runs close to Teams' two minutes, stops updating and
/// the final message still arrives.
/// </summary>
/// <remarks>See https://learn.microsoft.com/en-us/microsoftteams/platform/bots/streaming-ux.</remarks>
public sealed partial class AnswerStream
{
    /// <summary>What the informative update says.</summary>
    public const string SearchingText = "Searching the knowledge base…";

    /// <summary>The most characters of text a streaming update carries (Teams refuses messages over 80 KB).</summary>
    public const int MaxStreamedChars = 20_000;

    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _maxDuration;
    private readonly ILogger _logger;

    /// <param name="time">The clock (a fake one in tests).</param>
    /// <param name="interval">The least time between two streaming updates (Teams: one a second).</param>
    /// <param name="maxDuration">How long updates may go on (Teams ends a stream after two minutes).</param>
    /// <param name="logger">Optional logger.</param>
    public AnswerStream(TimeProvider? time = null, TimeSpan? interval = null, TimeSpan? maxDuration = null, ILogger<AnswerStream>? logger = null)
    {
        _time = time ?? TimeProvider.System;
        _interval = interval ?? TimeSpan.FromSeconds(1);
        _maxDuration = maxDuration ?? TimeSpan.FromSeconds(100);
        _logger = logger ?? NullLogger<AnswerStream>.Instance;
    }

    /// <summary>Whether <paramref name="activity"/>'s client shows streamed answers.</summary>
    public static bool Streams(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelId switch
        {
            // Teams streams in personal chats only.
            Channels.Msteams => string.Equals(activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase),
            Channels.Directline or Channels.Webchat => true,
            _ => false,
        };
    }

    /// <summary>
    /// Sends <paramref name="updates"/> to the user as <paramref name="context"/>'s channel expects and returns the
    /// checked answer with the response to its final message.
    /// </summary>
    /// <param name="context">The turn.</param>
    /// <param name="updates">The responder's stream (text deltas, then the checked answer).</param>
    /// <param name="render">Builds the final message from the answer.</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    /// <exception cref="InvalidOperationException">The stream ended without an answer.</exception>
    public async Task<(Answer Answer, ResourceResponse? Sent)> SendAsync(
        ITurnContext context,
        IAsyncEnumerable<ResponderUpdate> updates,
        Func<Answer, IMessageActivity> render,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(updates);
        ArgumentNullException.ThrowIfNull(render);
        var streaming = Streams(context.Activity);
        string? streamId = null;
        var sequence = 0;
        if (streaming)
        {
            streamId = await TrySendAsync(context, Update(SearchingText, "informative", ++sequence, streamId: null), cancellationToken);
            streaming = streamId is not null;
        }
        else
        {
            await context.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
        }

        var started = _time.GetTimestamp();
        var lastSent = started;
        var shown = string.Empty;
        var text = new System.Text.StringBuilder();
        await foreach (var update in updates.WithCancellation(cancellationToken))
        {
            switch (update.Kind)
            {
                case ResponderUpdateKind.Restart:
                    // The model failed mid-answer: what was shown goes, the notice and the extractive answer follow.
                    text.Clear().Append('_').Append(update.Text).Append("_\n\n");
                    break;
                case ResponderUpdateKind.Text:
                    text.Append(update.Text);
                    break;
                case ResponderUpdateKind.Completed:
                    var answer = update.Answer ?? throw new InvalidOperationException("The answer stream completed without an answer.");
                    var final = render(answer);
                    if (streamId is not null)
                    {
                        final.Entities = [.. final.Entities ?? [], StreamInfo("final", sequence: null, streamId)];
                        var channelData = final.ChannelData as JObject ?? (final.ChannelData is null ? [] : JObject.FromObject(final.ChannelData));
                        channelData.Merge(StreamChannelData("final", sequence: null, streamId));
                        final.ChannelData = channelData;
                    }

                    return (answer, await context.SendActivityAsync(final, cancellationToken));
            }

            var now = _time.GetTimestamp();
            if (streaming && text.Length > 0 && _time.GetElapsedTime(lastSent, now) >= _interval && text.ToString() != shown)
            {
                if (_time.GetElapsedTime(started, now) > _maxDuration)
                {
                    // Close to the channel's limit on a stream: no more updates; the final message ends it with the rest.
                    streaming = false;
                    continue;
                }

                shown = text.ToString();
                var body = shown.Length <= MaxStreamedChars ? shown : shown[..MaxStreamedChars] + "…";
                if (await TrySendAsync(context, Update(body, "streaming", ++sequence, streamId), cancellationToken) is null)
                {
                    // Refused mid-way (the client ended the stream): the answer goes out as a message of its own.
                    streaming = false;
                    streamId = null;
                }

                lastSent = now;
            }
        }

        throw new InvalidOperationException("The answer stream ended without an answer.");
    }

    /// <summary>A stream update: a typing activity with the text so far and its <c>streaminfo</c>.</summary>
    /// <remarks>Teams reads the <c>streaminfo</c> entity; Web Chat 4.18 reads the same fields from <c>channelData</c>.</remarks>
    private static Activity Update(string text, string streamType, int sequence, string? streamId) => new()
    {
        Type = ActivityTypes.Typing,
        Text = text,
        Entities = [StreamInfo(streamType, sequence, streamId)],
        ChannelData = StreamChannelData(streamType, sequence, streamId),
    };

    private static JObject StreamChannelData(string streamType, int? sequence, string? streamId)
    {
        var data = new JObject { ["streamType"] = streamType };
        if (sequence is { } n)
        {
            data["streamSequence"] = n;
        }

        if (streamId is not null)
        {
            data["streamId"] = streamId;
        }

        return data;
    }

    private static Entity StreamInfo(string streamType, int? sequence, string? streamId)
    {
        var entity = new Entity("streaminfo");
        entity.Properties["streamType"] = streamType;
        if (sequence is { } n)
        {
            entity.Properties["streamSequence"] = n;
        }

        if (streamId is not null)
        {
            entity.Properties["streamId"] = streamId;
        }

        return entity;
    }

    /// <summary>Sends a stream update; the stream's id (the first update's activity id), or null when the channel refused it.</summary>
    private async Task<string?> TrySendAsync(ITurnContext context, Activity update, CancellationToken cancellationToken)
    {
        try
        {
            var response = await context.SendActivityAsync(update, cancellationToken);
            var entity = update.Entities[0].Properties;
            return entity["streamId"]?.Value<string>() ?? response?.Id;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The channel would not stream (a client that cannot, a stream it ended): the final message still goes out.
            Log.StreamRefused(_logger, context.Activity.ChannelId, exception);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The {ChannelId} channel refused a stream update; the answer is sent whole.")]
        public static partial void StreamRefused(ILogger logger, string channelId, Exception exception);
    }
}
