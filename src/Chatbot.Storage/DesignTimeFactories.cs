using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Chatbot.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteChatbotDbContext</c> build the SQLite model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteChatbotDbContext>
{
    public SqliteChatbotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteChatbotDbContext>().UseSqlite(StorageOptions.DefaultSqliteConnectionString).Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresChatbotDbContext</c> build the PostgreSQL model (no server needed).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresChatbotDbContext>
{
    public PostgresChatbotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresChatbotDbContext>().UseNpgsql("Host=localhost;Database=chatbot").Options);
}
