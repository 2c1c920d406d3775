using Microsoft.Extensions.Hosting;

namespace Chatbot.Storage.Journal;

/// <summary>
/// Applies the database's migrations before the app serves anything, so the journal and transcripts have their
/// tables. (Stands in until storage registration migrates at start for every user of the database.)
/// </summary>
internal sealed class JournalDatabaseMigrator(ChatbotDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
