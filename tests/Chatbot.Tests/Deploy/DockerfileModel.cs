using System.Text.RegularExpressions;

namespace Chatbot.Tests.Deploy;

/// <summary>
/// A Dockerfile read as Docker reads it, as far as the tests need: comments dropped, lines joined at a trailing
/// backslash, instructions grouped into build stages (each FROM starts one).
/// </summary>
internal sealed partial class DockerfileModel
{
    private DockerfileModel(IReadOnlyList<IReadOnlyList<Instruction>> stages, IReadOnlyList<Instruction> global)
    {
        Stages = stages;
        Global = global;
    }

    /// <summary>One instruction: its keyword in upper case and the rest of its (joined) line.</summary>
    public sealed record Instruction(string Keyword, string Arguments);

    /// <summary>The build stages in order; each starts with its FROM.</summary>
    public IReadOnlyList<IReadOnlyList<Instruction>> Stages { get; }

    /// <summary>What comes before the first FROM (ARG lines).</summary>
    public IReadOnlyList<Instruction> Global { get; }

    /// <summary>The stage the image is made of.</summary>
    public IReadOnlyList<Instruction> FinalStage => Stages[^1];

    public static DockerfileModel Parse(string text)
    {
        var instructions = new List<Instruction>();
        var pending = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            // A comment line, also between continued lines (Docker drops those too); "# syntax=" is a parser directive.
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Add(line[..^1].Trim());
                continue;
            }

            pending.Add(line.Trim());
            var joined = string.Join(' ', pending.Where(part => part.Length > 0));
            pending.Clear();
            if (joined.Length == 0)
            {
                continue;
            }

            var space = joined.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add(space < 0
                ? new Instruction(joined.ToUpperInvariant(), string.Empty)
                : new Instruction(joined[..space].ToUpperInvariant(), joined[(space + 1)..].Trim()));
        }

        if (pending.Count > 0)
        {
            throw new FormatException("The Dockerfile ends in a line continuation.");
        }

        var global = instructions.TakeWhile(i => i.Keyword != "FROM").ToList();
        var stages = new List<IReadOnlyList<Instruction>>();
        List<Instruction>? stage = null;
        foreach (var instruction in instructions.Skip(global.Count))
        {
            if (instruction.Keyword == "FROM")
            {
                stage = [];
                stages.Add(stage);
            }

            stage!.Add(instruction);
        }

        if (stages.Count == 0)
        {
            throw new FormatException("The Dockerfile has no FROM.");
        }

        return new DockerfileModel(stages, global);
    }

    /// <summary>The name a stage is given with <c>FROM image AS name</c>, or null.</summary>
    public static string? StageName(IReadOnlyList<Instruction> stage)
    {
        var match = StageNamePattern().Match(stage[0].Arguments);
        return match.Success ? match.Groups["name"].Value : null;
    }

    /// <summary>The variables a stage's ENV instructions set (<c>ENV A=1 B="two words"</c>).</summary>
    public static IReadOnlyDictionary<string, string> Environment(IReadOnlyList<Instruction> stage)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var env in stage.Where(i => i.Keyword == "ENV"))
        {
            foreach (Match pair in EnvPairPattern().Matches(env.Arguments))
            {
                variables[pair.Groups["name"].Value] = pair.Groups["quoted"].Success ? pair.Groups["quoted"].Value : pair.Groups["plain"].Value;
            }
        }

        return variables;
    }

    [GeneratedRegex(@"\s+AS\s+(?<name>[A-Za-z0-9_.-]+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex StageNamePattern();

    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?:""(?<quoted>[^""]*)""|(?<plain>\S*))")]
    private static partial Regex EnvPairPattern();
}
