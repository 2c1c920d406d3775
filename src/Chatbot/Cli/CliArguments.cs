namespace Chatbot.Cli;

/// <summary>A subcommand's arguments: positional values and <c>--name value</c> / <c>--flag</c> options.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _positional = [];
    private readonly HashSet<string> _flags;

    /// <summary>Parses <paramref name="args"/>; names in <paramref name="flags"/> take no value.</summary>
    public CliArguments(IEnumerable<string> args, params string[] flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        _flags = new HashSet<string>(flags, StringComparer.OrdinalIgnoreCase);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var name = arg[2..];
                if (_flags.Contains(name))
                {
                    _options[name] = null;
                }
                else if (e.MoveNext())
                {
                    _options[name] = e.Current;
                }
                else
                {
                    throw new CliUsageException($"--{name} needs a value.");
                }
            }
            else
            {
                _positional.Add(arg);
            }
        }
    }

    /// <summary>The values that are not options, in order.</summary>
    public IReadOnlyList<string> Positional => _positional;

    /// <summary>True when the flag was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>The option's value, or null.</summary>
    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Fails on an option the command does not know, so a typo is not silently ignored.</summary>
    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.Where(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException($"Unknown option {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

/// <summary>The command line was not understood; the message says why.</summary>
public sealed class CliUsageException(string message) : Exception(message);
