using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Tests;

public sealed class LlmOptionsValidationTests
{
    [Fact]
    public async Task Defaults_AreValid()
    {
        await using var host = ChatPipelineTestHost.Create(new Dictionary<string, string?>());
        var defaults = new LlmOptions();

        host.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(LlmProvider.Auto, defaults.Provider);
        Assert.Equal("http://localhost:11434", defaults.Ollama.Endpoint);
        Assert.Equal("llama3.2", defaults.Ollama.Model);
        Assert.Equal(20, defaults.FirstTokenTimeoutSeconds);
        Assert.Equal(90, defaults.TotalTimeoutSeconds);
        Assert.Equal(2, defaults.MaxRetries);
        Assert.Equal(3, defaults.BreakAfterFailures);
        Assert.Equal(60, defaults.BreakForSeconds);
        Assert.Equal(1500, defaults.HistoryTokenBudget);
        Assert.False(defaults.EnableCache);
    }

    [Theory]
    [InlineData("Provider=OpenAI;OpenAI:ApiKey=k", "Llm:OpenAI:Model is required when Llm:Provider is OpenAI.")]
    [InlineData("Provider=OpenAI;OpenAI:Model=gpt-4o-mini", "Llm:OpenAI:ApiKey is required when Llm:OpenAI:Endpoint is not set")]
    [InlineData("Provider=OpenAI;OpenAI:Model=m;OpenAI:Endpoint=localhost:1234/v1", "Llm:OpenAI:Endpoint must be an absolute http or https URI")]
    [InlineData("Ollama:Endpoint=ftp://models.local", "Llm:Ollama:Endpoint must be an absolute http or https URI")]
    [InlineData("Ollama:Endpoint=/relative", "Llm:Ollama:Endpoint must be an absolute http or https URI")]
    [InlineData("Provider=Ollama;Ollama:Model=", "Llm:Ollama:Model is required when Llm:Provider is Ollama.")]
    [InlineData("FirstTokenTimeoutSeconds=0", "Llm:FirstTokenTimeoutSeconds must be between")]
    [InlineData("FirstTokenTimeoutSeconds=30;TotalTimeoutSeconds=10", "Llm:TotalTimeoutSeconds (10) must not be less than Llm:FirstTokenTimeoutSeconds (30).")]
    [InlineData("MaxRetries=-1", "Llm:MaxRetries must be between 0 and 10.")]
    [InlineData("BreakAfterFailures=0", "Llm:BreakAfterFailures must be between 1 and 100.")]
    [InlineData("HistoryTokenBudget=-5", "Llm:HistoryTokenBudget must be between")]
    public async Task InvalidSettings_FailAtStartWithAMessageNamingTheSetting(string settings, string expected)
    {
        var values = new Dictionary<string, string?>
        {
            // Fast defaults of the test host that the cases may override.
            ["FirstTokenTimeoutSeconds"] = "3",
            ["TotalTimeoutSeconds"] = "10",
        };
        foreach (var pair in settings.Split(';'))
        {
            var parts = pair.Split('=', 2);
            values[parts[0]] = parts[1];
        }

        await using var host = ChatPipelineTestHost.Create(values);

        var failure = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failure.Failures, message => message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ExtractiveProvider_NeedsNoModelSettings()
    {
        var options = new LlmOptions { Provider = LlmProvider.Extractive, Ollama = { Endpoint = "", Model = "" } };

        Assert.True(new LlmOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void OpenAIOptions_NeverShowTheKey()
    {
        var options = new LlmOpenAIOptions { Model = "gpt-4o-mini", ApiKey = "sk-secret" };

        Assert.DoesNotContain("sk-secret", options.ToString(), StringComparison.Ordinal);
    }
}
