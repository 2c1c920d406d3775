using System.ClientModel;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Chatbot.AI.Pipeline;

/// <summary>What one failed attempt tells: its kind, whether trying again may help, and the HTTP status if any.</summary>
internal readonly record struct ChatFailure(ChatBackendFailureKind Kind, bool IsTransient, int? StatusCode, string Reason);

/// <summary>
/// Sorts the exceptions the provider clients throw (OllamaSharp: <see cref="HttpRequestException"/> with a status;
/// OpenAI: <see cref="ClientResultException"/> with a status, or wrapping the transport's exception) into
/// transient failures worth a retry and the rest.
/// </summary>
internal static class ChatFailureClassifier
{
    private const int MaxDepth = 6;

    public static ChatFailure Classify(Exception exception)
    {
        var current = exception;
        for (var depth = 0; current is not null && depth < MaxDepth; depth++, current = current.InnerException)
        {
            if (ClassifyOne(current) is { } failure)
            {
                return failure;
            }
        }

        return new ChatFailure(ChatBackendFailureKind.BadResponse, IsTransient: false, null, exception.GetType().Name);
    }

    private static ChatFailure? ClassifyOne(Exception exception) => exception switch
    {
        ChatBackendException backend => new ChatFailure(backend.Kind, IsTransient: false, backend.StatusCode, backend.Message),
        HttpRequestException { StatusCode: { } status } => FromStatus((int)status),
        ClientResultException { Status: > 0 } result => FromStatus(result.Status),
        HttpRequestException http => new ChatFailure(ChatBackendFailureKind.Unavailable, IsTransient: true, null, $"{nameof(HttpRequestException)} ({http.HttpRequestError})"),
        SocketException socket => new ChatFailure(ChatBackendFailureKind.Unavailable, IsTransient: true, null, $"socket error {socket.SocketErrorCode}"),
        IOException io => new ChatFailure(ChatBackendFailureKind.Unavailable, IsTransient: true, null, io.GetType().Name),
        TimeoutException => new ChatFailure(ChatBackendFailureKind.Timeout, IsTransient: false, null, nameof(TimeoutException)),
        // A cancellation that neither the caller nor our timers asked for, e.g. HttpClient.Timeout.
        OperationCanceledException => new ChatFailure(ChatBackendFailureKind.Timeout, IsTransient: false, null, "cancelled by the transport"),
        JsonException => new ChatFailure(ChatBackendFailureKind.BadResponse, IsTransient: false, null, "malformed JSON"),
        _ => null,
    };

    internal static ChatFailure FromStatus(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500
            ? new ChatFailure(ChatBackendFailureKind.Unavailable, IsTransient: true, status, $"HTTP {status}")
            : new ChatFailure(ChatBackendFailureKind.BadResponse, IsTransient: false, status, $"HTTP {status}");
}
