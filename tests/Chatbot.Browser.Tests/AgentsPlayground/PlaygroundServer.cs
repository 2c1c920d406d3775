using System.Globalization;
using System.Text.RegularExpressions;
using Chatbot.Browser.Tests.Hosting;
using Chatbot.Testing.Files;

namespace Chatbot.Browser.Tests.AgentsPlayground;

/// <summary>
/// The Microsoft 365 Agents Playground (npm <c>@microsoft/m365agentsplayground</c>, pinned in <c>playground/</c> and
/// installed by the test build) run with Node.js against a bot endpoint, as a developer runs it with <c>npx</c>:
/// <c>node cli.js --app-endpoint URL --channel-id msteams --port N --conversation-id ID --disable-telemetry</c>,
/// without opening a browser (<c>TEAMSAPPTESTER_BROWSER=none</c>).
/// </summary>
public sealed partial class PlaygroundServer : IAsyncDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(90);

    private readonly ChildProcess _process;
    private readonly string _folder;

    private PlaygroundServer(ChildProcess process, string folder, Uri address, string conversationId)
    {
        _process = process;
        _folder = folder;
        Address = address;
        ConversationId = conversationId;
    }

    /// <summary>The folder that holds package.json, package-lock.json and, once installed, node_modules.</summary>
    public static string PackageFolder => RepositoryRoot.Combine("tests", "Chatbot.Browser.Tests", "playground");

    /// <summary>The package's command-line entry point (its <c>agentsplayground</c> bin).</summary>
    public static string CliPath => Path.Combine(PackageFolder, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    /// <summary>The Playground's web page.</summary>
    public Uri Address { get; }

    /// <summary>The id of the personal chat it opens with the bot.</summary>
    public string ConversationId { get; }

    /// <summary>What the Playground has printed so far.</summary>
    public string Output => _process.Output;

    /// <summary>The last lines the Playground printed, for a failure message.</summary>
    public string Tail(int lines = 40) => _process.Tail(lines);

    /// <summary>Starts the Playground on a free loopback port, pointed at <paramref name="botEndpoint"/>.</summary>
    /// <param name="botEndpoint">The bot's messaging endpoint, e.g. <c>http://127.0.0.1:3978/api/messages</c>.</param>
    /// <param name="channelId">The channel it plays: <c>msteams</c> (its default), <c>webchat</c>, <c>directline</c>, <c>emulator</c> or <c>agents</c>.</param>
    public static async Task<PlaygroundServer> StartAsync(Uri botEndpoint, string channelId = "msteams")
    {
        ArgumentNullException.ThrowIfNull(botEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        if (!File.Exists(CliPath))
        {
            throw new FileNotFoundException($"The Agents Playground is not installed at {CliPath}: run 'npm ci' in {PackageFolder} (the test build does when npm is on the PATH).", CliPath);
        }

        // Its working folder: where it looks for an optional .m365agentsplayground.yml and writes its devTools/ log.
        var folder = Directory.CreateTempSubdirectory("agents-playground-").FullName;
        var conversationId = $"browser-test-{Guid.NewGuid():N}";
        string[] arguments =
        [
            CliPath,
            "--app-endpoint", botEndpoint.ToString(),
            "--channel-id", channelId,
            "--port", LoopbackPort.Next().ToString(CultureInfo.InvariantCulture),
            "--conversation-id", conversationId,
            "--disable-telemetry",
        ];
        var environment = new Dictionary<string, string>
        {
            ["TEAMSAPPTESTER_BROWSER"] = "none",
            ["M365_AGENTS_PLAYGROUND_LOGFILE"] = Path.Combine(folder, "playground.log"),
        };
        var process = ChildProcess.Start("the Agents Playground", "node", arguments, environment, folder);
        try
        {
            // "Listening on N": the port asked for, or a random one when it was taken meanwhile.
            var listening = await process.WaitForLineAsync(ListeningOn(), _startTimeout);
            var port = int.Parse(listening.Groups["port"].Value, CultureInfo.InvariantCulture);
            return new PlaygroundServer(process, folder, new Uri($"http://127.0.0.1:{port}/"), conversationId);
        }
        catch
        {
            await process.DisposeAsync();
            TempFolder.TryDelete(folder);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        TempFolder.TryDelete(_folder);
    }

    [GeneratedRegex(@"Listening on (?<port>\d+)")]
    private static partial Regex ListeningOn();
}
