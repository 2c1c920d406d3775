namespace Chatbot.Storage.Entities;

/// <summary>A sentence of an answer that the Repair policy kept from the user, with why.</summary>
public sealed class WithheldSentenceEntry
{
    /// <summary>The row's id.</summary>
    public long Id { get; set; }

    /// <summary>The answer it was withheld from.</summary>
    public string AnswerId { get; set; } = string.Empty;

    /// <summary>When the answer was sent (UTC): the report and retention read it without the answer.</summary>
    public DateTime At { get; set; }

    /// <summary>Its place among the answer's withheld sentences, from 0.</summary>
    public int Position { get; set; }

    /// <summary>The sentence, redacted as transcripts are.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The grounding verdict's name ("Unsupported", "Contradicted", ...).</summary>
    public string Verdict { get; set; } = string.Empty;

    /// <summary>Why it was withheld, redacted.</summary>
    public string? Reason { get; set; }
}
