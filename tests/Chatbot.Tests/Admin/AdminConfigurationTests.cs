using Chatbot.Admin;
using Chatbot.Testing.Files;
using Microsoft.Extensions.Configuration;

namespace Chatbot.Tests.Admin;

public sealed class AdminConfigurationTests
{
    [Fact]
    public void Template_AdminSection_IsWhatAdminOptionsReads_AndLeavesAdminOff()
    {
        var template = new ConfigurationBuilder().AddJsonFile(RepositoryRoot.Combine("appsettings.template.json"), optional: false).Build();

        var options = template.GetSection(AdminOptions.SectionName).Get<AdminOptions>(o => o.ErrorOnUnknownConfiguration = true)!;

        Assert.True(template.GetSection(AdminOptions.SectionName).Exists());
        Assert.False(options.Enabled);
        Assert.True(new AdminOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("0123456789abcde", "at least 16 characters")]
    [InlineData(" 0123456789abcdef", "spaces")]
    [InlineData("0123456789abcdef\n", "control characters")]
    public void AKeyThatIsTooShortOrCannotBeSent_IsRejected_WithoutRepeatingIt(string key, string expected)
    {
        var result = new AdminOptionsValidator().Validate(null, new AdminOptions { ApiKey = key });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Admin:ApiKey", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Trim(), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortKey_StopsStartUp_NamingTheSettingButNotItsValue()
    {
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Admin__ApiKey"] = "tiny-key-31337",
        };

        var result = await ChatbotProcess.RunAsync([], environment, AppContext.BaseDirectory, TimeSpan.FromSeconds(60));

        Assert.False(result.TimedOut, "the bot started with a 14-character admin key");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Admin:ApiKey", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-key-31337", result.Error + result.Output, StringComparison.Ordinal);
    }
}
