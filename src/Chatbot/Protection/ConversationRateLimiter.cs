using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Chatbot.Protection;

/// <summary>
/// Counts each conversation's incoming activities against <see cref="ProtectionOptions.MessagesPerSecondPerConversation"/>
/// (a fixed one-second window per conversation, as Teams counts). Per instance: several instances each allow the limit.
/// </summary>
public sealed class ConversationRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    /// <summary>Creates the limiter from the settings; no limiter at all when the limit is 0.</summary>
    public ConversationRateLimiter(IOptions<ProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.MessagesPerSecondPerConversation;
        if (permits > 0)
        {
            // Idle conversations' windows are dropped by the limiter itself, so memory follows the active ones.
            _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
    }

    /// <summary>
    /// Takes one permit for the conversation; false, with how long to wait, when its window is used up.
    /// </summary>
    public bool TryAcquire(string channelId, string conversationId, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(channelId);
        ArgumentNullException.ThrowIfNull(conversationId);
        retryAfter = TimeSpan.Zero;
        if (_limiter is null)
        {
            return true;
        }

        using var lease = _limiter.AttemptAcquire($"{channelId}\n{conversationId}");
        if (lease.IsAcquired)
        {
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter?.Dispose();
}
