namespace Chatbot.Testing.Postgres;

/// <summary>A test that needs PostgreSQL (<see cref="PostgresTestServer"/>): skipped with instructions when none is configured, except under CI.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> from the environment.</summary>
    public PostgresFactAttribute()
    {
        Skip = PostgresTestServer.SkipReason;
    }
}
