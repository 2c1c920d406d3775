using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// How the executable composes the real app's web host. The executable hands it over, so this
/// library measures the same host without referencing the executable (which references it).
/// </summary>
public sealed class AppUnderTest
{
    /// <summary>Adds the app's services, as the executable's Program does.</summary>
    public required Action<IServiceCollection, IConfiguration> AddServices { get; init; }

    /// <summary>Adds the app's middleware and endpoints to the built app, as the executable's Program does.</summary>
    public required Action<WebApplication> Configure { get; init; }
}
