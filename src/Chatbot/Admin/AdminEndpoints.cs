using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Chatbot.Protection;
using Chatbot.Storage.Reporting;
using Microsoft.Extensions.Options;

namespace Chatbot.Admin;

/// <summary>
/// The admin endpoints: <c>GET /admin</c> (the report page), <c>GET /admin/report</c> (the pilot report as JSON) and
/// <c>GET /admin/transcripts/{conversationId}</c> (a conversation's logged transcript). The data endpoints need the
/// admin key in the <c>X-Api-Key</c> header; all of them answer 404 while <c>Admin:ApiKey</c> is empty.
/// </summary>
public static class AdminEndpoints
{
    // What users wrote reaches the page through these answers: markup characters go out escaped (\u003C), so no
    // browser could ever read a question or transcript as HTML, whatever the page does with it.
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };

    /// <summary>Maps the admin endpoints under <c>/admin</c>.</summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        endpoints.MapGet("/admin", (HttpContext http, IOptions<AdminOptions> options) => options.Value.Enabled ? AdminPage.Serve(http) : AdminResults.Off())
            .ExcludeFromDescription()
            .RequireRateLimiting(ProtectionServiceCollectionExtensions.ClientPolicy);

        var data = endpoints.MapGroup("/admin")
            .RequireRateLimiting(ProtectionServiceCollectionExtensions.ClientPolicy)
            .AddEndpointFilter<ApiKeyEndpointFilter>();
        data.MapGet("/report", GetReportAsync);
        // A conversation id is one path segment, escaped as encodeURIComponent does (Teams ids hold ':', '|', '@', ';').
        data.MapGet("/transcripts/{conversationId}", GetTranscriptAsync);
        return endpoints;
    }

    private static async Task<IResult> GetReportAsync(HttpContext http, PilotReportBuilder reports, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        if (!ReportQuery.TryParse(http.Request.Query, reports.Today, out var period, out var errors))
        {
            return Results.ValidationProblem(errors, title: "The report period is not valid.", detail: "Ask for days=1..366, or from and/or to as yyyy-MM-dd (UTC).");
        }

        var started = Stopwatch.GetTimestamp();
        var report = await reports.BuildAsync(period!, cancellationToken);
        AdminLog.ReportBuilt(loggers.CreateLogger(typeof(AdminEndpoints)), report.From, report.To, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return Results.Json(report, s_json);
    }

    private static async Task<IResult> GetTranscriptAsync(HttpContext http, string conversationId, string? channel, ConversationTranscriptReader transcripts, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // The server decodes every escape in a path segment except %2F, which would otherwise split it.
        var id = conversationId.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        var transcript = await transcripts.ReadAsync(id, channel, cancellationToken);
        if (transcript is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No transcript.", detail: "Nothing was logged for this conversation (or it is older than Storage:RetentionDays).");
        }

        AdminLog.TranscriptRead(loggers.CreateLogger(typeof(AdminEndpoints)), transcript.Activities.Count);
        return Results.Json(transcript, s_json);
    }
}
