using Chatbot.Knowledge.Ingestion;

namespace Chatbot.Cli;

/// <summary>A one-line progress bar for ingestion, redrawn in place on a terminal and printed sparingly elsewhere.</summary>
public sealed class ConsoleProgressBar(TextWriter writer)
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private int _lastPercent = -1;

    /// <summary>Draws <paramref name="progress"/>.</summary>
    public void Report(IngestProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (progress.Failure is { } failure)
        {
            writer.WriteLine($"{(_interactive ? "\r" : string.Empty)}skipped {failure.Path}: {failure.Reason}");
        }

        var percent = progress.ChunksToEmbed > 0
            ? (int)(100.0 * progress.ChunksEmbedded / progress.ChunksToEmbed)
            : progress.FileCount > 0 ? (int)(100.0 * progress.FileNumber / progress.FileCount) : 0;
        percent = Math.Clamp(percent, 0, 100);
        if (!_interactive && percent / 10 == _lastPercent / 10)
        {
            return;
        }

        _lastPercent = percent;
        var filled = percent * Width / 100;
        var line = $"[{new string('#', filled)}{new string('-', Width - filled)}] {percent,3}% {progress.Stage} file {progress.FileNumber}/{progress.FileCount}, {progress.ChunksEmbedded}/{progress.ChunksToEmbed} passages embedded";
        if (_interactive)
        {
            writer.Write("\r" + line.PadRight(Console.BufferWidth > 0 ? Math.Min(Console.BufferWidth - 1, 140) : 100));
        }
        else
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>Ends the bar's line.</summary>
    public void Finish()
    {
        if (_interactive)
        {
            writer.WriteLine();
        }
    }
}
