using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Tests.Fakes;

/// <summary>
/// Stands in for the Bot Framework token service on loopback: publishes OpenID metadata and a
/// signing key, and issues channel tokens signed with it (or, for attacks, with another key).
/// </summary>
public sealed class FakeTokenIssuer : IAsyncDisposable
{
    /// <summary>The issuer the Bot Framework SDK expects on channel tokens.</summary>
    public const string ChannelIssuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly RSA _signingRsa = RSA.Create(2048);
    private readonly RsaSecurityKey _signingKey;

    private FakeTokenIssuer(WebApplication app)
    {
        _app = app;
        _signingKey = new RsaSecurityKey(_signingRsa) { KeyId = "fake-channel-key" };
    }

    /// <summary>The OpenID metadata URL to configure as <c>ToBotFromChannelOpenIdMetadataUrl</c>.</summary>
    public string MetadataUrl { get; private set; } = string.Empty;

    /// <summary>The issuer's self-signed TLS certificate.</summary>
    public X509Certificate2 Certificate { get; private init; } = null!;

    /// <summary>How many times the bot fetched the metadata or the keys.</summary>
    public int MetadataRequests { get; private set; }

    /// <summary>Starts the issuer on a free loopback port.</summary>
    public static async Task<FakeTokenIssuer> StartAsync()
    {
        // The SDK fetches OpenID metadata over HTTPS only, through a static HttpClient of its own,
        // so the issuer's certificate is made trusted for this test process (see LoopbackTrust).
        var certificate = LoopbackTrust.Certificate;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var issuer = new FakeTokenIssuer(app) { Certificate = certificate };
        string? baseUrl = null;

        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            issuer.MetadataRequests++;
            return Results.Json(new
            {
                issuer = ChannelIssuer,
                authorization_endpoint = $"{baseUrl}/authorize",
                jwks_uri = $"{baseUrl}/v1/keys",
                id_token_signing_alg_values_supported = new[] { "RS256" },
                token_endpoint_auth_methods_supported = new[] { "private_key_jwt" },
            });
        });
        app.MapGet("/v1/keys", () =>
        {
            issuer.MetadataRequests++;
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer._signingRsa.ExportParameters(false)) { KeyId = issuer._signingKey.KeyId });
            var key = new Dictionary<string, object?>
            {
                ["kty"] = jwk.Kty,
                ["use"] = "sig",
                ["kid"] = jwk.Kid,
                ["n"] = jwk.N,
                ["e"] = jwk.E,
                ["endorsements"] = new[] { "emulator", "msteams", "webchat", "directline" },
            };
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { key } }), "application/json");
        });

        await app.StartAsync();
        baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        issuer.MetadataUrl = $"{baseUrl}/v1/.well-known/openidconfiguration";
        return issuer;
    }

    /// <summary>A channel token for <paramref name="audience"/>, signed with the published key.</summary>
    public string IssueToken(string audience, string serviceUrl) => CreateToken(_signingKey, audience, serviceUrl);

    /// <summary>A token that claims the same key id but is signed with an attacker's key.</summary>
    public static string ForgeToken(string audience, string serviceUrl)
    {
        using var attacker = RSA.Create(2048);
        return CreateToken(new RsaSecurityKey(attacker) { KeyId = "fake-channel-key" }, audience, serviceUrl);
    }

    private static string CreateToken(RsaSecurityKey key, string audience, string serviceUrl)
    {
        var handler = new JsonWebTokenHandler();
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ChannelIssuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            NotBefore = DateTime.UtcNow.AddMinutes(-1),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _signingRsa.Dispose();
    }
}
