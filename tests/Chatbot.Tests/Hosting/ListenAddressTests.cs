using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Chatbot.Hosting;
using Chatbot.Testing.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Chatbot.Tests.Hosting;

/// <summary>
/// The standard ways of choosing an ASP.NET Core app's address win over the bot's default of localhost:3978: a container
/// (ASPNETCORE_HTTP_PORTS=8080 in the .NET images) must not end up listening on its own loopback, where nothing reaches it.
/// </summary>
public sealed class ListenAddressTests
{
    [Fact]
    public void NoAddressInTheConfiguration_ListensOnLocalhost3978()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        builder.UseDefaultListenAddress();

        Assert.Equal("http://localhost:3978", builder.Configuration["urls"]);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    public void AnAddressOrPortInTheConfiguration_IsLeftToKestrel(string key, string value)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration.AddInMemoryCollection([new(key, value)]);

        builder.UseDefaultListenAddress();

        Assert.Equal(key == "urls" ? value : null, builder.Configuration["urls"]);
        Assert.Equal(value, builder.Configuration[key]);
    }

    public static TheoryData<string> Ways => ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "--urls"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task TheBuiltApp_ListensWhereTheEnvironmentOrCommandLineSays(string way)
    {
        var port = FreeLoopbackPort();
        var url = $"http://127.0.0.1:{port}";
        var folder = Directory.CreateTempSubdirectory("chatbot-listen-").FullName;
        var knowledge = Directory.CreateDirectory(Path.Combine(folder, "knowledge")).FullName;
        // An empty knowledge folder: the app starts in seconds, with nothing to index (its health says Degraded).
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Chatbot.dll"));
        start.Environment["Storage__Provider"] = "Memory";
        start.Environment["Llm__Provider"] = "Extractive";
        start.Environment["Knowledge__BuiltInPath"] = knowledge;
        start.Environment["Knowledge__IndexPath"] = Path.Combine(folder, "index");
        // Whatever the test runner's environment says about addresses must not decide this test.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS", "URLS" })
        {
            start.Environment.Remove(inherited);
        }

        switch (way)
        {
            case "ASPNETCORE_URLS":
                start.Environment["ASPNETCORE_URLS"] = url;
                break;
            case "ASPNETCORE_HTTP_PORTS":
                start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            default:
                start.ArgumentList.Add("--urls");
                start.ArgumentList.Add(url);
                break;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            HttpStatusCode? status = null;
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (status is null && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    status = (await client.GetAsync(new Uri($"{url}/healthz"))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }

            string log;
            lock (output)
            {
                log = output.ToString();
            }

            Assert.True(status is not null, $"nothing answered on {url} within 90 s ({way}):\n{log}");
            // Degraded (an empty index) still answers 200; the point is that it answered there.
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("localhost:3978", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            TempFolder.TryDelete(folder);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
