using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chatbot.Admin;
using Chatbot.Testing.Files;
using static Chatbot.Tests.Admin.AdminAppFactory;

namespace Chatbot.Tests.Admin;

/// <summary>The report page at /admin and its files.</summary>
public sealed partial class AdminPageTests
{
    [Fact]
    public async Task Page_IsServedWithoutTheKey_HoldsNoData_AndAllowsOnlyItsOwnFiles()
    {
        await using var app = Create();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(AdminPage.ContentSecurityPolicy, policy);
        // Every source the policy allows is the app itself.
        Assert.All(policy.Split(';', StringSplitOptions.TrimEntries), d => Assert.Matches("^[a-z-]+ '(self|none)'$", d));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/admin/admin.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/admin/chart.umd.min.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
    }

    [Fact]
    public async Task PageScript_WritesDataAsTextOnly_AndSendsTheKeyInTheHeader()
    {
        await using var app = Create();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/admin/admin.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("'X-Api-Key'", script, StringComparison.Ordinal);
        Assert.Contains("sessionStorage", script, StringComparison.Ordinal);
        Assert.DoesNotMatch(HtmlSinks(), script);
    }

    [Fact]
    public async Task ChartBundle_IsServed_AtTheVersionTheLockFilePins()
    {
        var lockFile = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.Combine("src", "Chatbot", "AdminPage", "package-lock.json")))!;
        var pinned = (string)lockFile["packages"]!["node_modules/chart.js"]!["version"]!;
        await using var app = Create();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/admin/chart.umd.min.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Chart.js v{pinned}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/report")]
    [InlineData("/admin/transcripts/c1")]
    public async Task WithoutAConfiguredKey_EveryAdminEndpointIs404_SayingAdminIsOff(string path)
    {
        await using var app = Create(key: null);
        using var client = app.CreateClient();

        using var request = Get(path, "anything-at-all-0000");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The admin endpoints are off.", (string?)problem["title"]);
        Assert.Contains("Admin:ApiKey", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function")]
    private static partial Regex HtmlSinks();
}
