using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Chatbot.Storage.Turns;

/// <summary>
/// Serializes the turns of each conversation across every instance that shares the PostgreSQL database:
/// a session advisory lock on a hash of the conversation's key, held on its own connection for the turn.
/// Turns in this process queue in memory first, so a conversation holds at most one connection per instance.
/// </summary>
/// <remarks>
/// If the connection breaks, PostgreSQL releases the lock with the session; a turn of another instance may
/// then overlap this one, and the state write that comes second is refused by its ETag instead of lost.
/// </remarks>
public sealed partial class PostgresConversationLock : IConversationLock, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly InProcessConversationLock _local;
    private readonly TimeSpan _maxWait;
    private readonly ILogger<PostgresConversationLock> _logger;

    /// <summary>Creates the lock on the database <paramref name="connectionString"/> names.</summary>
    public PostgresConversationLock(string connectionString, ILogger<PostgresConversationLock> logger, TimeSpan? maxWait = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _maxWait = maxWait ?? TimeSpan.FromMinutes(2);
        _local = new InProcessConversationLock(_maxWait);
        _logger = logger;
    }

    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversationKey);
        var local = await _local.AcquireAsync(conversationKey, cancellationToken);
        NpgsqlConnection? connection = null;
        try
        {
            var lockId = LockId(conversationKey);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(_maxWait);
            try
            {
                connection = await LockAsync(lockId, limit.Token);
            }
            catch (NpgsqlException ex) when (!limit.IsCancellationRequested)
            {
                // A pooled connection that died while idle (the server restarted, the network dropped) fails on
                // first use; one fresh connection tells a dead connection from an unreachable server.
                LogRetryingLock(_logger, ex);
                _dataSource.Clear();
                connection = await LockAsync(lockId, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Another instance kept this conversation for more than {_maxWait.TotalSeconds:0} s.");
            }

            return new Held(this, connection, lockId, local);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            await local.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Opens a connection and waits on it for the advisory lock; the connection holds the lock until closed or unlocked.</summary>
    private async Task<NpgsqlConnection> LockAsync(long lockId, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@id)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("id", lockId);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory lock's id: the first 8 bytes of the key's SHA-256 (a collision only makes two conversations take turns).</summary>
    internal static long LockId(string conversationKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("chatbot-turn:" + conversationKey), hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking a conversation's advisory lock failed on a pooled connection; trying a new one")]
    private static partial void LogRetryingLock(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release a conversation's advisory lock; closing its connection releases it")]
    private static partial void LogUnlockFailed(ILogger logger, Exception exception);

    private sealed class Held(PostgresConversationLock owner, NpgsqlConnection connection, long lockId, IAsyncDisposable local) : IAsyncDisposable
    {
        private int _released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@id)", connection);
                command.Parameters.AddWithValue("id", lockId);
                await command.ExecuteNonQueryAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // A session lock outlives an unlock that failed only if the session does: never pool it again.
                LogUnlockFailed(owner._logger, ex);
                NpgsqlConnection.ClearPool(connection);
            }
            finally
            {
                await connection.DisposeAsync();
                await local.DisposeAsync();
            }
        }
    }
}
