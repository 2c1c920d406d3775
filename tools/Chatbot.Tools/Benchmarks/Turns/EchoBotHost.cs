using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>
/// Hosts <see cref="EchoBot"/> the way the Bot Framework samples host a bot: its own Kestrel
/// WebApplication, a <see cref="CloudAdapter"/> with anonymous authentication, conversation state on
/// <see cref="MemoryStorage"/>, and an endpoint that only calls <c>adapter.ProcessAsync</c>.
/// </summary>
internal static class EchoBotHost
{
    /// <summary>Builds the echo bot's web app; <paramref name="embeddings"/> makes it the embed floor.</summary>
    public static WebApplication Build(IEmbeddingGenerator<string, Embedding<float>>? embeddings)
    {
        // Anonymous whatever the environment says: the floor measures the turn, not token validation.
        var builder = LoopbackHost.CreateBuilder([new("MicrosoftAppId", ""), new("MicrosoftAppPassword", "")]);
        var configuration = builder.Configuration;
        builder.Services.AddSingleton<BotFrameworkAuthentication>(sp => new ConfigurationBotFrameworkAuthentication(
            configuration, logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter>(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<CloudAdapter>>();
            return new CloudAdapter(sp.GetRequiredService<BotFrameworkAuthentication>(), logger)
            {
                OnTurnError = (context, exception) =>
                {
                    // The reply never comes, so the load driver counts the turn as an error; say why once per failure.
                    logger.LogError(exception, "Echo bot turn failed.");
                    return Task.CompletedTask;
                },
            };
        });
        builder.Services.AddSingleton<IStorage, MemoryStorage>();
        builder.Services.AddSingleton(sp => new ConversationState(sp.GetRequiredService<IStorage>()));
        builder.Services.AddTransient<IBot>(sp => new EchoBot(sp.GetRequiredService<ConversationState>(), embeddings));

        var app = builder.Build();
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(request, response, bot, request.HttpContext.RequestAborted));
        return app;
    }
}
