namespace Chatbot.Testing.Postgres;

/// <summary>
/// The PostgreSQL server tests may use: a connection string in <c>CHATBOT_TEST_POSTGRES</c> for a role that may
/// create databases. Without it, PostgreSQL tests are skipped on a developer's machine and fail under <c>CI=true</c>.
/// </summary>
public static class PostgresTestServer
{
    /// <summary>The environment variable that holds the connection string.</summary>
    public const string Variable = "CHATBOT_TEST_POSTGRES";

    /// <summary>The connection string, or null when none is set.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>True under CI (<c>CI=true</c>), where a test must not skip for want of a server.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run.</summary>
    public static string? SkipReason => ConnectionString is null && !IsCi
        ? $"Needs PostgreSQL: set {Variable} to a connection string of a role that may create databases, e.g. " +
          "Host=127.0.0.1;Database=postgres;Username=chatbot_test;Password=... (bash .ci/run installs PostgreSQL and sets one up)."
        : null;

    /// <summary>The connection string; fails the test, naming the variable, when none is set.</summary>
    public static string RequireConnectionString() => ConnectionString
        ?? throw new InvalidOperationException($"{Variable} is not set, and CI=true requires the PostgreSQL tests to run: point it at a PostgreSQL server (see .ci/run).");
}
