using Chatbot.Storage;
using Chatbot.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Tests.Admin;

/// <summary>The app with an admin key, every log line at every level collected, and its database at hand for seeding.</summary>
internal static class AdminAppFactory
{
    public const string Key = "pilot-admin-key-7f3a9c21e4b8";

    public static ChatbotAppFactory Create(CollectingLoggerProvider? logs = null, string? key = Key)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Admin:ApiKey"] = key ?? string.Empty,
            ["Storage:Provider"] = "Memory",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:System"] = "Trace",
        };
        return new ChatbotAppFactory(settings, services =>
        {
            if (logs is not null)
            {
                services.AddLogging(l => l.AddProvider(logs));
            }
        });
    }

    /// <summary>Adds rows to the running app's database.</summary>
    public static async Task SeedAsync(ChatbotAppFactory app, params object[] rows)
    {
        await using var context = app.Services.GetRequiredService<ChatbotDatabase>().CreateContext();
        context.AddRange(rows);
        await context.SaveChangesAsync();
    }

    public static HttpRequestMessage Get(string path, string? key = Key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }
}
