namespace Chatbot.Storage.Tests.Reporting;

/// <summary>
/// A test that runs against a PostgreSQL server named by <c>CHATBOT_TEST_POSTGRES</c> (a connection string whose
/// role may create databases; the test makes its own and drops it); skipped when that is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>The environment variable holding the server's connection string.</summary>
    public const string Variable = "CHATBOT_TEST_POSTGRES";

    /// <summary>The connection string, or null.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <inheritdoc />
    public override string? Skip
    {
        get => base.Skip ?? (ConnectionString is null ? $"Set {Variable} to a PostgreSQL connection string to run it." : null);
        set => base.Skip = value;
    }
}
