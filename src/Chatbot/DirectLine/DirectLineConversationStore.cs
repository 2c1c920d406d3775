using System.Collections.Concurrent;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace Chatbot.DirectLine;

/// <summary>
/// The conversations of the local Direct Line channel, in memory and bounded: a conversation idle
/// for <see cref="DirectLineOptions.ConversationIdleTimeout"/> is forgotten, and when
/// <see cref="DirectLineOptions.MaxConversations"/> are kept the one idle the longest makes room.
/// </summary>
public sealed partial class DirectLineConversationStore
{
    private readonly ConcurrentDictionary<string, DirectLineConversation> _conversations = new(StringComparer.Ordinal);
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<DirectLineConversationStore> _logger;

    /// <summary>Creates an empty store.</summary>
    public DirectLineConversationStore(IOptions<DirectLineOptions> options, TimeProvider clock, ILogger<DirectLineConversationStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>How many conversations are kept now.</summary>
    public int Count => _conversations.Count;

    /// <summary>Creates a conversation with a new id.</summary>
    /// <param name="userId">The user's id; null makes one up (<c>dl_</c> and a random suffix, as the real service does).</param>
    /// <param name="userName">The user's display name, if known.</param>
    /// <param name="userIsFixed">True when the user came with the token (see <see cref="DirectLineConversation.UserIsFixed"/>).</param>
    /// <param name="locale">The locale the client asked for.</param>
    public DirectLineConversation Create(string? userId, string? userName, bool userIsFixed, string? locale)
    {
        RemoveExpired();
        while (_conversations.Count >= _options.MaxConversations)
        {
            if (!EvictIdlest())
            {
                break;
            }
        }

        var user = new ChannelAccount(
            id: string.IsNullOrWhiteSpace(userId) ? $"dl_{Guid.NewGuid():N}" : userId,
            name: userName,
            role: RoleTypes.User);
        var conversation = new DirectLineConversation(
            Guid.NewGuid().ToString("N"), user, userIsFixed && !string.IsNullOrWhiteSpace(userId), locale, _options.MaxActivitiesPerConversation, _clock);
        _conversations[conversation.Id] = conversation;
        return conversation;
    }

    /// <summary>
    /// Finds a conversation a client asks for and marks it in use; null when there is none, or it
    /// has been idle too long (it is then forgotten).
    /// </summary>
    public DirectLineConversation? Find(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        if (!_conversations.TryGetValue(conversationId, out var conversation))
        {
            return null;
        }

        if (IsExpired(conversation))
        {
            Forget(conversation, "idle");
            return null;
        }

        conversation.Touch();
        return conversation;
    }

    /// <summary>Finds a conversation for the bot's replies, without counting as a client's use.</summary>
    public DirectLineConversation? Peek(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return _conversations.GetValueOrDefault(conversationId);
    }

    private bool IsExpired(DirectLineConversation conversation)
        => _clock.GetUtcNow() - conversation.LastUsed > _options.ConversationIdleTimeout;

    private void RemoveExpired()
    {
        foreach (var conversation in _conversations.Values)
        {
            if (IsExpired(conversation))
            {
                Forget(conversation, "idle");
            }
        }
    }

    private bool EvictIdlest()
    {
        var idlest = _conversations.Values.MinBy(c => c.LastUsed);
        if (idlest is null)
        {
            return false;
        }

        Forget(idlest, "full");
        return true;
    }

    private void Forget(DirectLineConversation conversation, string reason)
    {
        // Remove this very instance: another request may have forgotten it already.
        if (_conversations.TryRemove(new KeyValuePair<string, DirectLineConversation>(conversation.Id, conversation)))
        {
            LogForgotten(_logger, conversation.Id, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Forgot Direct Line conversation {ConversationId} ({Reason})")]
    private static partial void LogForgotten(ILogger logger, string conversationId, string reason);
}
