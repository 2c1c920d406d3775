using Chatbot.Storage;

namespace Chatbot.Cli;

/// <summary>
/// <c>migrate</c>: brings the database named by <c>Storage</c> up to date and exits, for deployments that run
/// migrations as a one-shot job (the bot also applies them when it starts). <c>migrate --list</c> only shows
/// each migration and whether the database has had it.
/// </summary>
public static class MigrateCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        args.AllowOnly("list");
        if (args.Positional.Count > 0)
        {
            throw new CliUsageException("migrate takes no arguments.");
        }

        var database = services.GetRequiredService<ChatbotDatabase>();
        var before = await database.ListMigrationsAsync(cancellationToken);
        if (args.Has("list"))
        {
            foreach (var (migration, applied) in before)
            {
                await Console.Out.WriteLineAsync($"{(applied ? "applied" : "pending")}  {migration}");
            }

            await Console.Out.WriteLineAsync($"{database.Provider}: {before.Count(m => m.Applied)} applied, {before.Count(m => !m.Applied)} pending.");
            return 0;
        }

        await database.MigrateAsync(cancellationToken);
        var pending = before.Where(m => !m.Applied).Select(m => m.Migration).ToList();
        foreach (var migration in pending)
        {
            await Console.Out.WriteLineAsync($"applied  {migration}");
        }

        await Console.Out.WriteLineAsync(pending.Count == 0
            ? $"{database.Provider}: the database was already up to date."
            : $"{database.Provider}: applied {pending.Count} migration(s); the database is up to date.");
        return 0;
    }
}
