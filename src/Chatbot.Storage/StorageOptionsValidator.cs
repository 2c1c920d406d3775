using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Chatbot.Storage;

/// <summary>Checks the <c>Storage</c> settings together: a known provider, and a connection string of its kind where one is required.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"Storage:Provider must be one of {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
        }

        if (options.Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Storage:ConnectionString is required when Storage:Provider is Postgres (e.g. Host=db;Database=chatbot;Username=chatbot;Password=...).");
        }

        if (!string.IsNullOrWhiteSpace(options.ConnectionString) && options.Provider != StorageProvider.Memory)
        {
            try
            {
                _ = options.Provider == StorageProvider.Postgres
                    ? new NpgsqlConnectionStringBuilder(options.ConnectionString).ConnectionString
                    : new SqliteConnectionStringBuilder(options.ConnectionString).ConnectionString;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"Storage:ConnectionString is not a {options.Provider} connection string: {ex.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
