namespace Chatbot.Admin;

/// <summary>What the admin endpoints log. Never the key, nor anything a caller sent in its place.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Refused an admin request to {Path}: the {Header} header was missing.")]
    public static partial void KeyMissing(ILogger logger, string path, string header);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Refused an admin request to {Path}: the {Header} header did not hold the admin key.")]
    public static partial void KeyWrong(ILogger logger, string path, string header);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Admin report for {From:yyyy-MM-dd} to {To:yyyy-MM-dd} made in {Milliseconds} ms.")]
    public static partial void ReportBuilt(ILogger logger, DateOnly from, DateOnly to, long milliseconds);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Admin transcript read: {Activities} activities.")]
    public static partial void TranscriptRead(ILogger logger, int activities);
}
