using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chatbot.Protection;

/// <summary>Registers the <c>Protection</c> settings, the rate limits and the CORS policy of the browser-facing endpoints.</summary>
public static class ProtectionServiceCollectionExtensions
{
    /// <summary>The rate-limiting policy that counts requests per client address.</summary>
    public const string ClientPolicy = "per-client";

    /// <summary>The CORS policy of <c>/v3/directline</c>: only <see cref="ProtectionOptions.AllowedOrigins"/>.</summary>
    public const string CorsPolicy = "allowed-origins";

    /// <summary>
    /// Adds <see cref="ProtectionOptions"/> (validated on start: a bad value stops the bot with exit code 2), the
    /// per-conversation limiter, ASP.NET Core's rate limiter with the per-client policy (429 with <c>Retry-After</c>)
    /// and the CORS policy.
    /// </summary>
    public static IServiceCollection AddProtection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var section = configuration.GetSection(ProtectionOptions.SectionName);
        services.AddOptions<ProtectionOptions>()
            .Configure(options => Bind(section, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProtectionOptions>, ProtectionOptionsValidator>());
        services.TryAddSingleton<ConversationRateLimiter>();

        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var result = TooManyRequests.Result(context.HttpContext, wait, "This client has sent more requests than Protection:RequestsPerMinutePerClient allows; wait as Retry-After says.");
                return new ValueTask(result.ExecuteAsync(context.HttpContext));
            };
            limiter.AddPolicy(ClientPolicy, PerClient);
        });

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<ProtectionOptions>>((cors, protection) => cors.AddPolicy(CorsPolicy, policy =>
            {
                // Tokens travel in the Authorization header, never in cookies, so no credentials are allowed either.
                policy.WithOrigins([.. protection.Value.AllowedOrigins.Select(ProtectionOptionsValidator.Normalize)])
                    .AllowAnyHeader()
                    .WithMethods(HttpMethods.Get, HttpMethods.Post);
            }));
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http)
    {
        var permits = http.RequestServices.GetRequiredService<IOptions<ProtectionOptions>>().Value.RequestsPerMinutePerClient;
        if (permits == 0)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        // Behind a reverse proxy this is the proxy's address unless the host is told to trust its forwarded headers.
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Binds the section, turning a value that does not convert into a validation failure that names it.</summary>
    private static void Bind(IConfigurationSection section, ProtectionOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ProtectionOptions), [ex.Message]);
        }
    }
}
