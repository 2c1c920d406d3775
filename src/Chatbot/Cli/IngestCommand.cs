using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Ingestion;

namespace Chatbot.Cli;

/// <summary><c>ingest PATH</c>: adds, updates or removes documents in the index, with a progress bar.</summary>
public static class IngestCommand
{
    /// <summary>Runs the command.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, CliArguments args, CancellationToken cancellationToken)
    {
        args.AllowOnly("collection", "json");
        if (args.Positional.Count != 1)
        {
            throw new CliUsageException("Give one folder or file to ingest.");
        }

        var path = args.Positional[0];
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new CliUsageException($"No such file or folder: {path}");
        }

        var source = (args.Get("collection") ?? KnowledgeCollections.Pilot).ToLowerInvariant() switch
        {
            KnowledgeCollections.Pilot => IngestSource.Pilot(path),
            KnowledgeCollections.BuiltIn => IngestSource.BuiltIn(path),
            var other => throw new CliUsageException($"--collection must be pilot or builtin, not '{other}'."),
        };

        var ingestor = services.GetRequiredService<KnowledgeIngestor>();
        var bar = new ConsoleProgressBar(Console.Error);
        var result = await ingestor.IngestAsync(source, new Progress<IngestProgress>(bar.Report), cancellationToken);
        bar.Finish();

        await Console.Out.WriteLineAsync(
            $"Ingested {path}: {result.Added} added, {result.Updated} updated, {result.Removed} removed, {result.Unchanged} unchanged; " +
            $"{result.ChunksEmbedded} passages embedded, {result.TotalChunks} in the index, {result.Elapsed.TotalSeconds:F1} s.");
        foreach (var failure in result.Failures)
        {
            await Console.Out.WriteLineAsync($"  skipped {failure.Path}: {failure.Reason}");
        }

        await Console.Out.WriteLineAsync("A running bot picks up the new documents when it restarts.");
        return result.Failures.Count == 0 ? 0 : 1;
    }
}
