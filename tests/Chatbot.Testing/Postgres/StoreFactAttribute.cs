using Xunit.Sdk;

namespace Chatbot.Testing.Postgres;

/// <summary>
/// A test written once in an abstract class and run against every store a subclass provides: like
/// <see cref="FactAttribute"/>, except that in a class marked <see cref="RequiresPostgresAttribute"/> it is skipped
/// as a <see cref="PostgresFactAttribute"/> would be.
/// </summary>
[XunitTestCaseDiscoverer("Chatbot.Testing.Postgres.StoreFactDiscoverer", "Chatbot.Testing")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Marks a test class whose <see cref="StoreFactAttribute"/> tests need PostgreSQL.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
