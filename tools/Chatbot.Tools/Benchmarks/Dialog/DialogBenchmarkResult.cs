namespace Chatbot.Tools.Benchmarks.Dialog;

/// <summary>What <see cref="PilotDialogBenchmark"/> counted for one question file.</summary>
public sealed record DialogBenchmarkResult
{
    /// <summary>The questions the documents cover.</summary>
    public int Covered { get; init; }

    /// <summary>Covered questions that got an answer.</summary>
    public int CoveredAnswered { get; init; }

    /// <summary>Covered questions that got "not covered" and a person: false refusals.</summary>
    public int CoveredRefused { get; init; }

    /// <summary>Covered questions after which the bot asked which reading was meant.</summary>
    public int CoveredClarified { get; init; }

    /// <summary>Covered questions that got neither an answer nor a refusal (a reply about what the bot covers, help).</summary>
    public int CoveredOther { get; init; }

    /// <summary>The questions the documents do not cover.</summary>
    public int Uncovered { get; init; }

    /// <summary>Uncovered questions that ended "not covered" with a person offered: what should happen.</summary>
    public int UncoveredRefusedWithPerson { get; init; }

    /// <summary>Uncovered questions that got an answer anyway.</summary>
    public int UncoveredAnswered { get; init; }

    /// <summary>Uncovered questions after which the bot asked which reading was meant.</summary>
    public int UncoveredClarified { get; init; }

    /// <summary>Uncovered questions that got another reply, with no person offered.</summary>
    public int UncoveredOther { get; init; }
}
