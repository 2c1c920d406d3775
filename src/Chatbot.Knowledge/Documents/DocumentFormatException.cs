namespace Chatbot.Knowledge.Documents;

/// <summary>
/// A document could not be read: invalid front matter, a missing required field, a corrupt PDF.
/// The message always names the file so that ingestion reports can point at it.
/// </summary>
public sealed class DocumentFormatException : Exception
{
    public DocumentFormatException()
    {
    }

    public DocumentFormatException(string message)
        : base(message)
    {
    }

    public DocumentFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="path"/>; the message starts with the path.</summary>
    public DocumentFormatException(string path, string reason, Exception? innerException = null)
        : base($"{path}: {reason}", innerException)
    {
        Path = path;
    }

    /// <summary>The file that failed, when known.</summary>
    public string? Path { get; }
}
