using System.Net;
using Chatbot.Tests.Hosting;

namespace Chatbot.Tests.Protection;

/// <summary>Only the app's own page, and the origins in Protection:AllowedOrigins for Direct Line, may call it from a browser.</summary>
public sealed class CrossOriginTests
{
    private static readonly Dictionary<string, string?> s_settings = new()
    {
        ["DirectLine:Enabled"] = "true",
        ["Admin:ApiKey"] = "edge-admin-key-0123456789",
        ["Protection:AllowedOrigins:0"] = "https://support.example.com",
    };

    [Theory]
    [InlineData("/api/messages", "POST", "https://evil.example")]
    [InlineData("/v3/directline/conversations", "POST", "https://evil.example")]
    [InlineData("/v3/directline/tokens/generate", "POST", "null")]
    [InlineData("/admin/report", "GET", "https://evil.example")]
    [InlineData("/admin", "GET", "http://localhost:5173")]
    [InlineData("/api/messages", "POST", "https://support.example.com")] // allowed for Direct Line only
    public async Task AForeignOriginsPreflight_IsRefused(string path, string method, string origin)
    {
        await using var app = new ChatbotAppFactory(s_settings);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Preflight(path, method, origin));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), "no Access-Control-Allow-Origin for a foreign page");
    }

    [Fact]
    public async Task AnAllowedOriginsPreflight_ToDirectLine_IsAllowedForThatOriginOnly()
    {
        await using var app = new ChatbotAppFactory(s_settings);
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Preflight("/v3/directline/conversations", "POST", "https://support.example.com"));

        Assert.True(response.IsSuccessStatusCode, $"preflight: {(int)response.StatusCode}");
        Assert.Equal("https://support.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task AForeignOrigin_GetsNoCorsHeaders_OnAnActualRequest()
    {
        await using var app = new ChatbotAppFactory(s_settings);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/tokens/generate");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(request);

        // The browser keeps the answer from the page without Access-Control-Allow-Origin.
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, string method, string origin)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", origin);
        preflight.Headers.Add("Access-Control-Request-Method", method);
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return preflight;
    }
}
