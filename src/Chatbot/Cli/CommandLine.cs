using System.Text.Json;
using System.Text.Json.Serialization;
using Chatbot.Hosting;
using Chatbot.Storage;

namespace Chatbot.Cli;

/// <summary>
/// The executable's subcommands (ask, ingest, eval, bench, migrate). They share the bot's configuration and
/// services but start no web server; machine-readable output goes to stdout, logs to stderr.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<IServiceProvider, CliArguments, CancellationToken, Task<int>>> s_commands = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ask"] = AskCommand.RunAsync,
        ["intent"] = IntentCommand.RunAsync,
        ["ingest"] = IngestCommand.RunAsync,
        ["eval"] = EvalCommand.RunAsync,
        ["bench"] = BenchCommand.RunAsync,
        ["train"] = TrainCommand.RunAsync,
        ["migrate"] = MigrateCommand.RunAsync,
    };

    /// <summary>JSON as the commands print it: camel case, compact, enums as names.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>True when <paramref name="args"/> names a subcommand.</summary>
    /// <remarks>Anything else that does not start with '-' is a mistyped command, reported by <see cref="RunAsync"/>;
    /// options such as <c>--urls</c> go to the web host.</remarks>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-') || args is ["--help" or "-h", ..];

    /// <summary>Runs the subcommand in <paramref name="args"/>[0] and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args[0] is "help" or "--help" or "-h")
        {
            await Console.Out.WriteLineAsync(Usage);
            return 0;
        }

        if (!s_commands.ContainsKey(args[0]))
        {
            await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'.");
            await Console.Error.WriteLineAsync(Usage);
            return 64;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Commands print results on stdout; only warnings and errors are logged, to stderr, unless configured otherwise.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:Microsoft", "Warning")]);
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddAnswering(builder.Configuration);
        builder.Services.AddChatbotDatabase(builder.Configuration);
        using var host = builder.Build();

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return await s_commands[args[0]](host.Services, new CliArguments(args.Skip(1), "json", "help", "explain", "list"), cancel.Token);
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"{args[0]}: {ex.Message}");
            await Console.Error.WriteLineAsync(Usage);
            return 64;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration error ({ex.OptionsType.Name}):");
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"  - {failure}");
            }

            return 2;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }

    /// <summary>What the commands are and take.</summary>
    public const string Usage = """
        Usage: dotnet run --project src/Chatbot -- <command> [options]
          (no command)                       serve the bot on http://localhost:3978/api/messages
          ask "question" [--json]            answer one question with citations and flags
              [--explain]                    and list on stderr the passages and ranked sentences it came from
          ask --file FILE [--json]           answer one question per line
              [--kind ask|compare|checkclaim] [--level beginner|standard|expert] [--collection builtin|pilot]
          intent "message" [--json]          the intent and confidence the bot recognises
          intent --file FILE                 one message per line, one JSON object per line
          ingest PATH [--collection pilot|builtin]   add or update documents (Markdown, text, HTML, PDF, FAQ TSV/CSV) in the index
          eval ragtruth --data FILE [--set-aside FILE] [--json] [--out FILE]   score the hallucination check on RAGTruth-format records
          bench retrieval [--data PATH] [--k 5]     recall@k on labelled questions (default eval/retrieval)
          bench scale [--sizes 1000,10000,100000] [--queries 200]   index build, query latency and memory
          bench answers [--data PATH] [--out FILE]  extractive answers: citations and key facts (default eval/answers)
          bench uncovered --data FILE               the share of uncovered questions answered "not covered"
          bench faq --data FILE                     how often a paraphrase of a FAQ question gets that entry's answer
          bench intents [--data PATH]               intent accuracy, calibration and latency (default eval/intents/heldout)
          bench dialog --data PATH                  whole first turns through the main dialog: covered questions answered or
                                                    refused, uncovered ones "not covered" with a person offered
          bench overhead [--data PATH]              responder time around a model that answers instantly
          bench turns [--seconds 20] [--connections 8] [--json]   whole turns over HTTP: echo and embed floors, the app,
                                                    the app on a fake model; turns/s, p50/p95/p99, CPU, memory, errors
              [--scenarios echo,embed,app,fake-llm] [--sample-seconds 30] [--out artifacts/bench-turns]
                                                    the memory curve (working set, GC heap) and its slope, saved as CSV and SVG
          train ranker [--data PATH] [--out FILE] [--folds 5] [--sentences N] [--l2 1]
                                                    fit the extractive sentence ranker to key facts (default eval/answers)
          train answerability [--data PATHS] [--uncovered PATHS] [--max-false-refusals 0.03] [--out FILE]
                                                    fit when to say "not covered" (articles' and pilot's thresholds apart)
          train curated --data PATHS [--max-wrong 0.03] [--out FILE]
                                                    fit when a message gets a FAQ entry's curated answer
          train intents [--data PATHS] [--l2 0.01] [--folds 5] [--out FILE]
                                                    fit the intent classifier (default eval/intents/dev)
          migrate [--list]                          apply the database migrations (Storage settings) and exit;
                                                    --list shows each one as applied or pending
        """;
}
