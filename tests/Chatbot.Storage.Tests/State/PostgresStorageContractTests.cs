using Chatbot.Testing.Postgres;

namespace Chatbot.Storage.Tests.State;

/// <summary>The contract on PostgreSQL, in a database of this class's own.</summary>
[RequiresPostgres]
public sealed class PostgresStorageContractTests(PostgresTestDatabase database) : DatabaseStorageContractTests, IClassFixture<PostgresTestDatabase>
{
    protected override StorageOptions DatabaseOptions => new() { Provider = StorageProvider.Postgres, ConnectionString = database.ConnectionString };
}
