using Chatbot.AI.Responding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.AI.Tests.Responding;

/// <summary><c>Grounding</c> as the host binds it: the defaults, and a bad value failing start-up with a message naming it.</summary>
public sealed class GroundingOptionsValidationTests
{
    [Fact]
    public void Defaults_AreFlagAndHalf_AndValid()
    {
        using var services = Build([]);

        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<GroundingOptions>>().Value;
        Assert.Equal(GroundingPolicy.Flag, options.Policy);
        Assert.Equal(0.5, options.MinimumKeptShare);
    }

    [Fact]
    public void Repair_IsBound_CaseInsensitively()
    {
        using var services = Build(new() { ["Grounding:Policy"] = "repair", ["Grounding:MinimumKeptShare"] = "0.75" });

        services.GetRequiredService<IStartupValidator>().Validate();

        var options = services.GetRequiredService<IOptions<GroundingOptions>>().Value;
        Assert.Equal(GroundingPolicy.Repair, options.Policy);
        Assert.Equal(0.75, options.MinimumKeptShare);
    }

    [Theory]
    [InlineData("Grounding:Policy", "Fix", "Grounding:Policy must be one of Flag, Repair")]
    [InlineData("Grounding:Policy", "7", "Grounding:Policy must be one of Flag, Repair")]
    [InlineData("Grounding:MinimumKeptShare", "1.5", "Grounding:MinimumKeptShare must be between 0 and 1")]
    [InlineData("Grounding:MinimumKeptShare", "-0.1", "Grounding:MinimumKeptShare must be between 0 and 1")]
    [InlineData("Grounding:MinimumKeptShare", "NaN", "Grounding:MinimumKeptShare must be between 0 and 1")]
    [InlineData("Grounding:MinimumKeptShare", "half", "Grounding:MinimumKeptShare")]
    public void ABadValue_FailsAtStart_NamingTheSetting(string key, string value, string expected)
    {
        using var services = Build(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(typeof(GroundingOptions), failure.OptionsType);
        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddResponder();
        return services.BuildServiceProvider();
    }
}
