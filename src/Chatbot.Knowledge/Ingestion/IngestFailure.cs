namespace Chatbot.Knowledge.Ingestion;

/// <summary>A file that could not be ingested, and why; the rest of the ingestion went on.</summary>
/// <param name="Path">The file (or folder) that failed.</param>
/// <param name="Reason">What was wrong, e.g. invalid front matter or a corrupt PDF.</param>
public sealed record IngestFailure(string Path, string Reason);
