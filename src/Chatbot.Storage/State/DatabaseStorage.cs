using Chatbot.Storage.Entities;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Chatbot.Storage.State;

/// <summary>
/// Bot Framework state (<see cref="IStorage"/>) in the bot's database (<see cref="ChatbotDbContext.StateItems"/>),
/// so conversations survive restarts on SQLite and several instances share them on PostgreSQL.
/// </summary>
/// <remarks>
/// <para>Items are JSON with type names, as Bot Framework's <see cref="MemoryStorage"/> writes them, so dialog
/// stacks and our state classes come back as the types written; <see cref="StateTypeBinder"/> limits which
/// types a stored name may make.</para>
/// <para>ETags: a write of an <see cref="IStoreItem"/> whose ETag is not <c>*</c> succeeds only if the stored
/// ETag is still that one (no ETag: only if the key is new, as in <see cref="MemoryStorage"/>), checked by a single
/// conditional UPDATE or, for a new key, by the primary key refusing a second INSERT, so the check holds across instances. Otherwise it throws
/// <see cref="StateConflictException"/> and changes nothing. Every write gives the item a new ETag and sets it
/// on the object written. Bot Framework's <see cref="BotState"/> keeps its properties in a dictionary, which
/// has no ETag property: such dictionaries are read back with an <c>eTag</c> entry and written conditionally
/// on it, so a conversation's state cannot silently overwrite a newer save.</para>
/// </remarks>
public sealed partial class DatabaseStorage : IStorage
{
    /// <summary>The entry that carries a dictionary's ETag (the name <see cref="MemoryStorage"/> uses in its JSON).</summary>
    public const string ETagEntry = "eTag";

    private readonly ChatbotDatabase _database;
    private readonly JsonSerializer _serializer;
    private readonly ILogger<DatabaseStorage> _logger;

    /// <summary>Creates the storage over <paramref name="database"/>, whose migrations must have been applied.</summary>
    public DatabaseStorage(ChatbotDatabase database, ILogger<DatabaseStorage> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(logger);
        _database = database;
        _logger = logger;
        _serializer = JsonSerializer.Create(new JsonSerializerSettings
        {
            TypeNameHandling = TypeNameHandling.All,
            SerializationBinder = new StateTypeBinder(),
            ReferenceLoopHandling = ReferenceLoopHandling.Error,
            MaxDepth = 128,

            // Text that looks like a date stays text (a user's "2026-12-06" kept as object must not become a DateTime);
            // DateTime properties still read their values.
            DateParseHandling = DateParseHandling.None,
        });
    }

    /// <inheritdoc />
    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var found = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return found;
        }

        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        await using var context = _database.CreateContext();
        var rows = await context.StateItems.AsNoTracking()
            .Where(item => wanted.Contains(item.Key))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            using var reader = new JsonTextReader(new StringReader(row.Json));
            var value = _serializer.Deserialize(reader);
            if (value is not null)
            {
                found[row.Key] = WithETag(value, row.ETag);
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            if (value is null)
            {
                // MemoryStorage stores null as "nothing"; reading it back gives no item either.
                await DeleteAsync([key], cancellationToken);
                continue;
            }

            var (conditional, expected) = ETagOf(value);
            var json = Serialize(value);
            var newETag = Guid.NewGuid().ToString("N");
            await WriteOneAsync(key, json, overwrite: !conditional, expected, newETag, cancellationToken);
            WithETag(value, newETag);
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        var doomed = keys.Distinct(StringComparer.Ordinal).ToList();
        await using var context = _database.CreateContext();
        await context.StateItems.Where(item => doomed.Contains(item.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task WriteOneAsync(string key, string json, bool overwrite, string? expected, string newETag, CancellationToken cancellationToken)
    {
        // Two rounds at most: an unconditional write whose INSERT lost a race updates the row the other writer made.
        for (var round = 0; round < 2; round++)
        {
            await using var context = _database.CreateContext();
            var now = DateTime.UtcNow;
            var matching = context.StateItems.Where(item => item.Key == key);
            if (!overwrite)
            {
                matching = matching.Where(item => item.ETag == expected);
            }

            var updated = await matching.ExecuteUpdateAsync(
                set => set.SetProperty(item => item.Json, json).SetProperty(item => item.ETag, newETag).SetProperty(item => item.UpdatedAt, now),
                cancellationToken);
            if (updated > 0)
            {
                return;
            }

            // No row matched: the key is new, or (with an ETag) the stored item has moved on. The primary
            // key tells the two apart atomically: a second INSERT of the key fails.
            context.StateItems.Add(new StateItem { Key = key, Json = json, ETag = newETag, UpdatedAt = now });
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException ex) when (IsDuplicateKey(ex))
            {
                if (!overwrite)
                {
                    LogConflict(_logger, key);
                    throw new StateConflictException(key, expected, ex);
                }
            }
        }

        throw new StateConflictException(key, expected);
    }

    private string Serialize(object value)
    {
        var token = JToken.FromObject(value, _serializer);
        if (token is JObject json && (value is IStoreItem || value is IDictionary<string, object>))
        {
            // The ETag lives in its own column; kept in the JSON it would be stale after the next write.
            json.Remove(ETagEntry);
            json.Remove(nameof(IStoreItem.ETag));
        }

        return token.ToString(Formatting.None);
    }

    /// <summary>
    /// Whether the write must find <c>ETag</c> stored. As in <see cref="MemoryStorage"/>: an <see cref="IStoreItem"/>
    /// always says which version it replaces (no ETag or an empty one: none, so only a new key takes it), <c>*</c>
    /// replaces any; a dictionary that carries an ETag is checked the same way; anything else overwrites.
    /// </summary>
    private static (bool Conditional, string? ETag) ETagOf(object value)
    {
        var etag = value switch
        {
            IStoreItem item => item.ETag ?? string.Empty,
            IDictionary<string, object> state when state.TryGetValue(ETagEntry, out var entry) => entry as string ?? (entry as JValue)?.Value as string,
            _ => null,
        };
        return (etag is not null and not "*", etag);
    }

    /// <summary>Gives <paramref name="value"/> its ETag, where it has a place for one.</summary>
    private static object WithETag(object value, string etag)
    {
        switch (value)
        {
            case IStoreItem item:
                item.ETag = etag;
                break;
            case IDictionary<string, object> state:
                state[ETagEntry] = etag;
                break;
            case JObject json:
                json[ETagEntry] = etag;
                break;
        }

        return value;
    }

    private static bool IsDuplicateKey(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "State item {Key} was written with a stale ETag; the write was refused")]
    private static partial void LogConflict(ILogger logger, string key);
}
