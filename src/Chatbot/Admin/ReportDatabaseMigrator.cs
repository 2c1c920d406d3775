using Chatbot.Storage;

namespace Chatbot.Admin;

/// <summary>
/// Creates the report's tables at start-up when nothing else does (applying migrations twice is harmless: the second
/// run finds none pending).
/// </summary>
internal sealed class ReportDatabaseMigrator(ChatbotDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
