using Microsoft.Extensions.Hosting;

namespace Chatbot.AI.Providers;

/// <summary>
/// Makes the backend choice while the host starts, before the web server takes requests
/// (<see cref="IHostedLifecycleService.StartingAsync"/> runs ahead of every hosted service's start).
/// </summary>
internal sealed class ChatBackendStartup(ChatBackendSelector selector) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => selector.SelectAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
