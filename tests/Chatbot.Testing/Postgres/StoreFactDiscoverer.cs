using Xunit.Abstractions;
using Xunit.Sdk;

namespace Chatbot.Testing.Postgres;

/// <summary>Finds <see cref="StoreFactAttribute"/> tests; each decides whether it is skipped when it runs.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        new StoreTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
}

/// <summary>A <see cref="StoreFactAttribute"/> test: skipped in a <see cref="RequiresPostgresAttribute"/> class while PostgreSQL is not configured.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    /// <summary>For the runner's deserialization only.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    public StoreTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        // The environment is read where the test runs, so a serialized case needs no extra state.
        var needsPostgres = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();
        return (needsPostgres ? PostgresTestServer.SkipReason : null) ?? base.GetSkipReason(factAttribute);
    }
}
