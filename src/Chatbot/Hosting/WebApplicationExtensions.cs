using Microsoft.Extensions.Options;

namespace Chatbot.Hosting;

/// <summary>Start-up helpers for the web host.</summary>
public static class WebApplicationExtensions
{
    /// <summary>
    /// Runs the app. A configuration value that fails validation stops start-up with exit code 2
    /// and a message naming each bad setting, instead of a stack trace.
    /// </summary>
    public static async Task<int> RunReportingConfigurationErrorsAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error ({ex.OptionsType.Name}); the bot did not start:");
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"  - {failure}");
            }

            await Console.Error.WriteLineAsync("See appsettings.template.json for every setting and its allowed values.");
            return 2;
        }
    }
}
