using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Chatbot.Testing.Files;

namespace Chatbot.Tests.Deploy;

/// <summary>
/// deploy/azure/main.bicep compiles with the Bicep CLI (the NuGet package Azure.Bicep.CommandLine.linux-x64, which the
/// test project downloads), with every resource type known to Bicep's type checker, and the ARM template it becomes
/// holds what the deployment promises: the bot, its channels, the app, the database and the vault the secrets come from.
/// </summary>
public sealed partial class BicepTemplateTests
{
    private static readonly string s_azureDir = RepositoryRoot.Combine("deploy", "azure");
    private static readonly Lazy<Task<Compiled>> s_compiled = new(CompileAsync);

    private sealed record Compiled(int ExitCode, string Diagnostics, JsonObject? Template);

    [Fact]
    public async Task MainBicep_CompilesWithoutErrors_AndEveryResourceTypeIsChecked()
    {
        var compiled = await s_compiled.Value;

        Assert.True(compiled.ExitCode == 0, $"bicep build failed:\n{compiled.Diagnostics}");
        Assert.DoesNotContain(": Error ", compiled.Diagnostics, StringComparison.Ordinal);
        // BCP081: a resource type or API version Bicep has no types for, so nothing about it was checked.
        Assert.DoesNotContain("BCP081", compiled.Diagnostics, StringComparison.Ordinal);
        Assert.NotNull(compiled.Template);
    }

    [Fact]
    public async Task Template_HasTheBotWithTeamsAndDirectLine_PointedAtTheApp()
    {
        var resources = await ResourcesAsync();

        var bot = resources.Single(r => Type(r) == "Microsoft.BotService/botServices");
        Assert.Equal("azurebot", (string?)bot["kind"]);
        Assert.Equal("[parameters('botAppId')]", (string?)bot["properties"]!["msaAppId"]);
        Assert.Contains("/api/messages", (string?)bot["properties"]!["endpoint"], StringComparison.Ordinal);
        var channels = resources.Where(r => Type(r) == "Microsoft.BotService/botServices/channels")
            .Select(r => (string)r["properties"]!["channelName"]!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["DirectLineChannel", "MsTeamsChannel"], channels);

        var site = resources.Single(r => Type(r) == "Microsoft.Web/sites");
        var config = site["properties"]!["siteConfig"]!;
        Assert.Equal("/healthz", (string?)config["healthCheckPath"]);
        Assert.StartsWith("[format('DOCKER|{0}'", (string?)config["linuxFxVersion"], StringComparison.Ordinal);
        Assert.True((bool?)site["properties"]!["httpsOnly"]);
        Assert.Equal("SystemAssigned", (string?)site["identity"]!["type"]);
        Assert.Contains(resources, r => Type(r) == "Microsoft.DBforPostgreSQL/flexibleServers");
        Assert.Contains(resources, r => Type(r) == "Microsoft.DBforPostgreSQL/flexibleServers/databases");
        Assert.Contains(resources, r => Type(r) == "Microsoft.Authorization/roleAssignments");
        Assert.True((bool?)resources.Single(r => Type(r) == "Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]);
    }

    [Fact]
    public async Task AppSettings_AreSettingsTheBotReads_WithSecretsAsKeyVaultReferencesToSecretsTheTemplateWrites()
    {
        var template = (await s_compiled.Value).Template!;
        var settings = AppSettings(template);

        Assert.Empty(ConfigurationKeys.Unknown(settings.Keys));
        Assert.Equal("Postgres", settings["Storage__Provider"]);
        Assert.Equal("8080", settings["WEBSITES_PORT"]);
        var secrets = (await ResourcesAsync()).Where(r => Type(r) == "Microsoft.KeyVault/vaults/secrets")
            .Select(r => SecretName().Match((string)r["name"]!).Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var name in new[] { "MicrosoftAppPassword", "Storage__ConnectionString", "DirectLine__AzureSecret", "Llm__OpenAI__ApiKey", "Admin__ApiKey" })
        {
            var reference = KeyVaultReference().Match(settings[name]);
            Assert.True(reference.Success, $"{name} is not a Key Vault reference: {settings[name]}");
            Assert.Contains(reference.Groups[1].Value, secrets);
        }

        // The reference the function writes is App Service's syntax.
        var function = template["functions"]!.AsArray().Single()!["members"]!["keyVaultReference"]!["output"]!["value"]!.GetValue<string>();
        Assert.Contains("@Microsoft.KeyVault(VaultName={0};SecretName={1})", function, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParametersFile_NamesOnlyTemplateParameters_AndLeavesOnlySecretsToTheCommandLine()
    {
        var template = (await s_compiled.Value).Template!;
        var declared = template["parameters"]!.AsObject();
        var given = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(s_azureDir, "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.DoesNotContain(given, p => !declared.ContainsKey(p.Key));
        var missing = declared.Where(p => p.Value!["defaultValue"] is null && !given.ContainsKey(p.Key)).ToList();
        Assert.All(missing, p => Assert.Equal("securestring", (string?)p.Value!["type"]));
        Assert.Equal(["botAppPassword", "postgresAdminPassword"], missing.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static string? Type(JsonNode? resource) => (string?)resource?["type"];

    private static async Task<IReadOnlyList<JsonNode>> ResourcesAsync()
    {
        var resources = (await s_compiled.Value).Template!["resources"]!;
        // Symbolic names (languageVersion 2.0) make resources an object; older output, an array.
        return resources is JsonObject byName ? byName.Select(r => r.Value!).ToList() : resources.AsArray().Select(r => r!).ToList();
    }

    /// <summary>
    /// The app settings of the site: the variables its appSettings loop unions (literal objects, or createObject(...) for
    /// the settings that depend on a parameter), each name with its value as the template writes it.
    /// </summary>
    private static Dictionary<string, string> AppSettings(JsonObject template)
    {
        var site = template["resources"]!.AsObject().Select(r => r.Value!).Single(r => Type(r) == "Microsoft.Web/sites");
        var loop = (string)site["properties"]!["siteConfig"]!["copy"]!.AsArray().Single()!["input"]!["name"]!;
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match variable in VariableReference().Matches(loop))
        {
            var value = template["variables"]![variable.Groups[1].Value]!;
            if (value is JsonObject literal)
            {
                foreach (var (name, setting) in literal)
                {
                    settings[name] = (string)setting!;
                }
            }
            else
            {
                foreach (Match pair in CreateObjectPair().Matches((string)value!))
                {
                    settings[pair.Groups[1].Value] = pair.Groups[2].Value;
                }
            }
        }

        Assert.True(settings.Count > 5, $"no app settings found behind {loop}");
        return settings;
    }

    private static async Task<Compiled> CompileAsync()
    {
        var bicep = typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "BicepCli")?.Value;
        Assert.True(bicep is not null, "The test build records where the Bicep CLI is on Linux only (the package is linux-x64).");
        Assert.True(File.Exists(bicep), $"The Bicep CLI is not at {bicep}: restore tests/Chatbot.Tests (PackageDownload Azure.Bicep.CommandLine.linux-x64).");

        var output = Path.Combine(Directory.CreateTempSubdirectory("bicep-").FullName, "main.json");
        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = s_azureDir,
        };
        foreach (var argument in new[] { "build", Path.Combine(s_azureDir, "main.bicep"), "--outfile", output })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep build did not finish within 3 minutes.");
        }

        var diagnostics = await stdout + await stderr;
        var template = process.ExitCode == 0 && File.Exists(output) ? JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject() : null;
        TempFolder.TryDelete(Path.GetDirectoryName(output)!);
        return new Compiled(process.ExitCode, diagnostics, template);
    }

    [GeneratedRegex(@"variables\('([A-Za-z0-9]+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"'([A-Za-z_][A-Za-z0-9_]*)', (__bicep\.keyVaultReference\(variables\('[^']*'\), '[^']*'\)|parameters\('[^']*'\))")]
    private static partial Regex CreateObjectPair();

    [GeneratedRegex(@"keyVaultReference\(variables\('keyVaultName'\), '([A-Za-z0-9-]+)'\)")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"'([A-Za-z0-9-]+)'\)\]$")]
    private static partial Regex SecretName();
}
