using Chatbot.Testing.Files;
using Chatbot.AI;
using Chatbot.AI.Grounding;
using Chatbot.AI.Responding;
using Chatbot.Configuration;
using Chatbot.Storage;
using Chatbot.Conversation;
using Chatbot.Conversation.Dialogs;
using Chatbot.Conversation.Intents;
using Chatbot.DirectLine;
using Chatbot.Knowledge;
using Chatbot.Protection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.Hosting;

public sealed class ConfigurationTests
{
    private static IConfiguration Template() => new ConfigurationBuilder()
        .AddJsonFile(RepositoryRoot.Combine("appsettings.template.json"), optional: false)
        .Build();

    [Fact]
    public void Template_BindsToTheOptionsClasses_WithNoUnknownKeys()
    {
        var template = Template();
        Action<BinderOptions> strict = o => o.ErrorOnUnknownConfiguration = true;

        // Each documented section must be exactly what its options class reads.
        template.GetSection(BotOptions.SectionName).Get<BotOptions>(strict);
        template.GetSection(StorageOptions.SectionName).Get<StorageOptions>(strict);
        template.GetSection(KnowledgeOptions.SectionName).Get<KnowledgeOptions>(strict);
        template.GetSection(IntentOptions.SectionName).Get<IntentOptions>(strict);
        template.GetSection(HandoffOptions.SectionName).Get<HandoffOptions>(strict);
        Assert.False(template.GetSection(GroundingJudgeOptions.SectionName).Get<GroundingJudgeOptions>(strict)!.Enabled);
        var directLine = template.GetSection(DirectLineOptions.SectionName).Get<DirectLineOptions>(strict)!;
        Assert.Null(directLine.Enabled);
        Assert.False(directLine.HasSecret);
        Assert.False(directLine.HasAzureSecret);
        Assert.True(new DirectLineOptionsValidator().Validate(null, directLine).Succeeded);
        Assert.Equal(LlmProvider.Auto, template.GetSection(LlmOptions.SectionName).Get<LlmOptions>(strict)!.Provider);

        // Not strict: Grounding also holds sub-sections that other options classes read (Grounding:Judge).
        var grounding = template.GetSection(GroundingOptions.SectionName).Get<GroundingOptions>()!;
        Assert.Equal(GroundingPolicy.Flag, grounding.Policy);
        Assert.True(new GroundingOptionsValidator().Validate(null, grounding).Succeeded);
        var protection = template.GetSection(ProtectionOptions.SectionName).Get<ProtectionOptions>(strict)!;
        Assert.Equal(7, protection.MessagesPerSecondPerConversation);
        Assert.True(new ProtectionOptionsValidator().Validate(null, protection).Succeeded);
        var auth = new BotAuthenticationOptions();
        foreach (var key in new[] { "MicrosoftAppType", "MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId" })
        {
            Assert.True(template.GetSection(key).Exists(), $"{key} is missing from the template");
        }

        template.Bind(auth);
        Assert.True(auth.IsAnonymous);
    }

    [Fact]
    public async Task Template_StartsTheBot()
    {
        // Everything as documented, except where the index lives (the test run shares one, built once) and
        // where the default SQLite file goes (a folder of this test's own, not the working directory's data/).
        var folder = Directory.CreateTempSubdirectory("chatbot-template-").FullName;
        var settings = Template().AsEnumerable()
            .Where(kv => kv.Value is not null && kv.Key != "Knowledge:IndexPath")
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("Sqlite", settings["Storage:Provider"]);
        settings["Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "chatbot.db")};Pooling=False";
        await using (var app = new ChatbotAppFactory(settings))
        {
            using var client = app.CreateClient();

            var health = await client.GetAsync("/healthz");

            Assert.True(health.IsSuccessStatusCode);
        }

        Assert.True(File.Exists(Path.Combine(folder, "chatbot.db")), "the SQLite file was not created where the setting names it");
        TempFolder.TryDelete(folder);
    }

    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "MicrosoftAppType", "Everyone", "MicrosoftAppType" },
        { "MicrosoftAppId", "not-a-guid", "MicrosoftAppId" },
        { "Bot:DisplayName", "", "DisplayName" },
        { "Bot:ResetConversationAfterFailures", "0", "ResetConversationAfterFailures" },
        { "Storage:Provider", "Cassandra", "Storage:Provider" },
        { "Storage:Provider", "Postgres", "Storage:ConnectionString" },
        { "Llm:Provider", "OpenAI", "Llm:OpenAI:Model" },
        { "Llm:TotalTimeoutSeconds", "-1", "Llm:TotalTimeoutSeconds" },
        { "Knowledge:TopK", "0", "TopK" },
        { "Grounding:Judge:MaxSentences", "0", "Grounding:Judge:MaxSentences" },
        { "Grounding:Policy", "Fix", "Grounding:Policy" },
        { "Grounding:MinimumKeptShare", "2", "Grounding:MinimumKeptShare" },
        { "DirectLine:TokenLifetime", "00:05:00", "DirectLine:TokenLifetime" },
        { "DirectLine:Secret", "short", "DirectLine:Secret" },
        { "Protection:MessagesPerSecondPerConversation", "-1", "Protection:MessagesPerSecondPerConversation" },
        { "Protection:RequestsPerMinutePerClient", "lots", "Protection:RequestsPerMinutePerClient" },
        { "Protection:AllowedOrigins:0", "*", "Protection:AllowedOrigins" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task ABadSetting_StopsStartUp_WithAMessageNamingIt(string key, string value, string named)
    {
        // The real executable, as an operator starts it, configured through the environment.
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            [key.Replace(":", "__", StringComparison.Ordinal)] = value,
        };
        if (key == "MicrosoftAppId")
        {
            environment["MicrosoftAppPassword"] = "x";
        }

        var result = await ChatbotProcess.RunAsync([], environment, AppContext.BaseDirectory, TimeSpan.FromSeconds(60));

        Assert.False(result.TimedOut, $"the bot started despite {key}={value}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Configuration error", result.Error, StringComparison.Ordinal);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAppIdWithoutASecret_IsRejected_NamingThePassword()
    {
        var result = new BotAuthenticationOptionsValidator().Validate(null, new BotAuthenticationOptions { MicrosoftAppId = Guid.NewGuid().ToString() });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppPassword", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleTenant_RequiresATenantId()
    {
        var result = new BotAuthenticationOptionsValidator().Validate(null, new BotAuthenticationOptions
        {
            MicrosoftAppId = Guid.NewGuid().ToString(),
            MicrosoftAppPassword = "secret",
            MicrosoftAppType = "SingleTenant",
        });

        Assert.Contains("MicrosoftAppTenantId", result.FailureMessage, StringComparison.Ordinal);
    }
}
