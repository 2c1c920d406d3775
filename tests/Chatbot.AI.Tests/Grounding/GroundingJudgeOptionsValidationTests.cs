using Chatbot.AI.Grounding;
using Chatbot.AI.Responding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Tests.Grounding;

public sealed class GroundingJudgeOptionsValidationTests
{
    [Fact]
    public void Defaults_AreOffAndValid()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<GroundingJudgeOptions>>().Value;
        Assert.False(options.Enabled);
        Assert.Equal(0.15, options.Band);
        Assert.Equal(4, options.MaxSentences);
        Assert.Equal(8, options.TimeoutSeconds);
    }

    [Fact]
    public void Section_IsBound()
    {
        using var services = Build(new() { ["Enabled"] = "true", ["Band"] = "0.2", ["MaxSentences"] = "2", ["TimeoutSeconds"] = "3.5" });

        var options = services.GetRequiredService<IOptions<GroundingJudgeOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal(0.2, options.Band);
        Assert.Equal(2, options.MaxSentences);
        Assert.Equal(3.5, options.TimeoutSeconds);
    }

    [Theory]
    [InlineData("Band", "0", "Grounding:Judge:Band must be between 0.01 and 0.5.")]
    [InlineData("Band", "0.6", "Grounding:Judge:Band must be between 0.01 and 0.5.")]
    [InlineData("MaxSentences", "0", "Grounding:Judge:MaxSentences must be between 1 and 10.")]
    [InlineData("MaxSentences", "11", "Grounding:Judge:MaxSentences must be between 1 and 10.")]
    [InlineData("TimeoutSeconds", "0", "Grounding:Judge:TimeoutSeconds must be between 0.1 and 60 seconds.")]
    [InlineData("TimeoutSeconds", "120", "Grounding:Judge:TimeoutSeconds must be between 0.1 and 60 seconds.")]
    public void InvalidSetting_FailsAtStartWithAMessageNamingIt(string key, string value, string expected)
    {
        using var services = Build(new() { ["Enabled"] = "true", [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, message => message.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>The services as <c>AddResponder</c> registers them, over a <c>Grounding:Judge</c> section with <paramref name="judge"/>.</summary>
    private static ServiceProvider Build(Dictionary<string, string?> judge)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(judge.ToDictionary(p => GroundingJudgeOptions.SectionName + ":" + p.Key, p => p.Value))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddResponder();
        return services.BuildServiceProvider();
    }
}
