using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Chatbot.Storage.Reporting;

/// <summary>
/// Builds a <see cref="PilotReport"/> from the journal (answers with their feedback, handoffs) and the transcripts.
/// Each table is read once, filtered on its indexed time column to the period and projected to the few columns a
/// report needs; days, topics and questions are then grouped in memory, which works alike on SQLite and PostgreSQL
/// (neither has to translate date arithmetic on the UTC converter's values).
/// </summary>
public sealed class PilotReportBuilder
{
    /// <summary>How many sources <see cref="PilotReport.TopTopics"/> lists.</summary>
    public const int TopTopicCount = 10;

    /// <summary>How many distinct questions <see cref="PilotReport.NotCovered"/> lists.</summary>
    public const int NotCoveredCount = 100;

    /// <summary>How many requests <see cref="PilotReport.Handoffs"/> lists.</summary>
    public const int HandoffCount = 100;

    /// <summary>How many sentences <see cref="PilotReport.Withheld"/> lists.</summary>
    public const int WithheldCount = 100;

    private static readonly char[] s_lineBreaks = ['\n', '\r'];

    private readonly ChatbotDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Reads from <paramref name="database"/>; <paramref name="time"/> says when "today" is.</summary>
    public PilotReportBuilder(ChatbotDatabase database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _time = time;
    }

    /// <summary>Today's date in UTC, the last day of a report that names none.</summary>
    public DateOnly Today => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    /// <summary>The report for <paramref name="period"/>.</summary>
    public async Task<PilotReport> BuildAsync(ReportPeriod period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(period);
        var start = period.Start;
        var end = period.End;

        await using var context = _database.CreateContext();
        var answers = await context.Answers.AsNoTracking()
            .Where(a => a.At >= start && a.At < end)
            .Select(a => new AnswerRow(a.At, a.ChannelId, a.ConversationId, a.Question, a.Covered, a.Flagged, a.Sources, a.Helpful, a.Repaired, a.FellBack, a.Withheld))
            .ToListAsync(cancellationToken);
        var withheld = await context.WithheldSentences.AsNoTracking()
            .Where(w => w.At >= start && w.At < end)
            .Join(context.Answers, w => w.AnswerId, a => a.AnswerId, (w, a) => new { w, a })
            .OrderByDescending(x => x.w.At).ThenBy(x => x.w.AnswerId).ThenBy(x => x.w.Position)
            .Take(WithheldCount)
            .Select(x => new WithheldSummary
            {
                At = x.w.At,
                ChannelId = x.a.ChannelId,
                ConversationId = x.a.ConversationId,
                AnswerId = x.w.AnswerId,
                Question = x.a.Question,
                Text = x.w.Text,
                Verdict = x.w.Verdict,
                Reason = x.w.Reason,
                FellBack = x.a.FellBack,
            })
            .ToListAsync(cancellationToken);
        var handoffs = await context.Handoffs.AsNoTracking()
            .Where(h => h.At >= start && h.At < end)
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id)
            .Select(h => new HandoffSummary { At = h.At, ChannelId = h.ChannelId, ConversationId = h.ConversationId, LastQuestion = h.LastQuestion, Delivered = h.Delivered })
            .ToListAsync(cancellationToken);
        // Only what the user said: a page opened and left (a conversation update, the welcome) is not a conversation.
        var userMessages = await context.Transcripts.AsNoTracking()
            .Where(t => t.Timestamp >= start && t.Timestamp < end && t.FromRole == "user" && t.Type == "message")
            .Select(t => new ActivityRow(t.Timestamp, t.ChannelId, t.ConversationId))
            .ToListAsync(cancellationToken);

        var activity = answers.Select(a => new ActivityRow(a.At, a.ChannelId, a.ConversationId))
            .Concat(handoffs.Select(h => new ActivityRow(h.At, h.ChannelId, h.ConversationId)))
            .Concat(userMessages)
            .ToList();

        var answersByDay = answers.ToLookup(a => ReportPeriod.DayOf(a.At));
        var handoffsByDay = handoffs.ToLookup(h => ReportPeriod.DayOf(h.At));
        var activityByDay = activity.ToLookup(a => ReportPeriod.DayOf(a.At));
        var days = new List<PilotReportDay>(period.Days);
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            var counts = Count(answersByDay[day], handoffsByDay[day].Count(), activityByDay[day]);
            days.Add(new PilotReportDay
            {
                Date = day,
                Conversations = counts.Conversations,
                Answers = counts.Answers,
                FlaggedAnswers = counts.FlaggedAnswers,
                FlagRate = counts.FlagRate,
                NotCovered = counts.NotCovered,
                HelpfulFeedback = counts.HelpfulFeedback,
                UnhelpfulFeedback = counts.UnhelpfulFeedback,
                RepairedAnswers = counts.RepairedAnswers,
                FellBackAnswers = counts.FellBackAnswers,
                WithheldSentences = counts.WithheldSentences,
                Handoffs = counts.Handoffs,
            });
        }

        return new PilotReport
        {
            From = period.From,
            To = period.To,
            GeneratedAt = _time.GetUtcNow(),
            Totals = Count(answers, handoffs.Count, activity),
            Days = days,
            TopTopics = TopTopics(answers),
            NotCovered = NotCoveredQuestions(answers),
            Handoffs = [.. handoffs.Take(HandoffCount)],
            Withheld = withheld,
        };
    }

    /// <summary>
    /// The form in which two askings of a question are the same: lower case, single spaces, without the
    /// punctuation and quotes around it ("How do I reset  it?" and "how do i reset it" are one).
    /// </summary>
    public static string NormalizeQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var builder = new StringBuilder(question.Length);
        var space = false;
        foreach (var c in question.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Trim(' ', '?', '!', '.', ',', ';', ':', '"', '\'', '¿', '¡', '…');
    }

    private static PilotReportCounts Count(IEnumerable<AnswerRow> answers, int handoffs, IEnumerable<ActivityRow> activity)
    {
        int total = 0, flagged = 0, notCovered = 0, helpful = 0, unhelpful = 0, repaired = 0, fellBack = 0, withheld = 0;
        foreach (var answer in answers)
        {
            total++;
            flagged += answer.Flagged > 0 ? 1 : 0;
            notCovered += answer.Covered ? 0 : 1;
            helpful += answer.Helpful == true ? 1 : 0;
            unhelpful += answer.Helpful == false ? 1 : 0;
            repaired += answer.Repaired ? 1 : 0;
            fellBack += answer.FellBack ? 1 : 0;
            withheld += answer.Withheld;
        }

        return new PilotReportCounts
        {
            Conversations = activity.Select(a => (a.ChannelId, a.ConversationId)).Distinct().Count(),
            Answers = total,
            FlaggedAnswers = flagged,
            FlagRate = total == 0 ? 0 : (double)flagged / total,
            NotCovered = notCovered,
            HelpfulFeedback = helpful,
            UnhelpfulFeedback = unhelpful,
            RepairedAnswers = repaired,
            FellBackAnswers = fellBack,
            WithheldSentences = withheld,
            Handoffs = handoffs,
        };
    }

    private static List<TopicCount> TopTopics(IEnumerable<AnswerRow> answers) =>
        [.. answers
            .SelectMany(a => a.Sources.Split(s_lineBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal))
            .GroupBy(title => title, StringComparer.Ordinal)
            .Select(g => new TopicCount(g.Key, g.Count()))
            .OrderByDescending(t => t.Answers)
            .ThenBy(t => t.Title, StringComparer.Ordinal)
            .Take(TopTopicCount)];

    private static List<NotCoveredQuestion> NotCoveredQuestions(IEnumerable<AnswerRow> answers) =>
        [.. answers
            .Where(a => !a.Covered)
            .GroupBy(a => NormalizeQuestion(a.Question), StringComparer.Ordinal)
            .Select(g =>
            {
                var last = g.MaxBy(a => a.At)!;
                return new NotCoveredQuestion
                {
                    Question = last.Question.Trim(),
                    Count = g.Count(),
                    FirstAskedAt = g.Min(a => a.At),
                    LastAskedAt = last.At,
                    LastConversationId = last.ConversationId,
                };
            })
            .OrderByDescending(q => q.LastAskedAt)
            .ThenBy(q => q.Question, StringComparer.Ordinal)
            .Take(NotCoveredCount)];

    private sealed record AnswerRow(
        DateTime At, string ChannelId, string ConversationId, string Question, bool Covered, int Flagged, string Sources, bool? Helpful, bool Repaired, bool FellBack, int Withheld);

    private sealed record ActivityRow(DateTime At, string ChannelId, string ConversationId);
}
