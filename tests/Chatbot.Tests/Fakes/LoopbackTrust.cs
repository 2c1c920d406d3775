using System.Security.Cryptography.X509Certificates;

namespace Chatbot.Tests.Fakes;

/// <summary>
/// The TLS certificate of loopback fakes that the Bot Framework SDK must trust. The build makes it
/// (openssl, see Chatbot.Tests.csproj) next to the tests, and test.runsettings points the test
/// host's SSL_CERT_FILE at it: the SDK fetches token-signing keys through a static HttpClient that
/// no test can configure, and OpenSSL reads that variable only from the process's start-up
/// environment.
/// </summary>
internal static class LoopbackTrust
{
    public static X509Certificate2 Certificate { get; } = Load();

    private static X509Certificate2 Load()
    {
        var certificate = Path.Combine(AppContext.BaseDirectory, "loopback-ca.pem");
        var key = Path.Combine(AppContext.BaseDirectory, "loopback-key.pem");
        if (Environment.GetEnvironmentVariable("SSL_CERT_FILE") != "loopback-ca.pem")
        {
            throw new InvalidOperationException("Run these tests through test.runsettings (dotnet test does), which sets SSL_CERT_FILE.");
        }

        using var pem = X509Certificate2.CreateFromPemFile(certificate, key);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), null);
    }
}
