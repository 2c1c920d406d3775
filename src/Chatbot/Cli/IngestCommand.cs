using Chatbot.Knowledge;
using Chatbot.Knowledge.Documents;
using Chatbot.Knowledge.Ingestion;
using Microsoft.Extensions.Options;

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
            $"Ingested {path}: {result.Added.Count} added, {result.Updated.Count} updated, {result.Removed.Count} removed, {result.Unchanged} unchanged; " +
            $"{result.ChunksEmbedded} passages and {result.SentencesEmbedded} sentences embedded, {result.TotalChunks} in the index, {result.Elapsed.TotalSeconds:F1} s.");
        foreach (var failure in result.Failures)
        {
            await Console.Out.WriteLineAsync($"  skipped {failure.Path}: {failure.Reason}");
        }

        var reload = services.GetRequiredService<IOptions<KnowledgeOptions>>().Value.ReloadCheckSeconds;
        await Console.Out.WriteLineAsync(reload > 0
            ? $"A bot running on this index answers from the change within {reload} s (Knowledge:ReloadCheckSeconds)."
            : "A bot running on this index answers from the change after a restart (Knowledge:ReloadCheckSeconds is 0).");
        return result.Failures.Count == 0 ? 0 : 1;
    }
}
