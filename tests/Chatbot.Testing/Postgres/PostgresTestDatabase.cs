using Npgsql;

namespace Chatbot.Testing.Postgres;

/// <summary>
/// A database of its own on the test server (<see cref="PostgresTestServer"/>) for one test class, dropped when the
/// class is done. Without a configured server it does nothing until a test asks for <see cref="ConnectionString"/>,
/// which then fails naming the variable (the test was not skipped, so it runs under CI).
/// </summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    private string? _connectionString;
    private string? _name;

    /// <summary>The connection string of this class's database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(
        PostgresTestServer.ConnectionString is null
            ? $"{PostgresTestServer.Variable} is not set, and CI=true requires the PostgreSQL tests to run: point it at a PostgreSQL server (see .ci/run)."
            : "The test database was not created.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var server = PostgresTestServer.ConnectionString;
        if (server is null)
        {
            return;
        }

        _name = "chatbot_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_name is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(PostgresTestServer.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
