using System.Text.RegularExpressions;
using Chatbot.Testing.Files;
using Microsoft.Extensions.Configuration;

namespace Chatbot.Tests.Deploy;

/// <summary>
/// What a deploy file may set: a key of appsettings.template.json (as an environment variable, ':' written '__'), or
/// one of the few host variables the platform or ASP.NET Core itself reads.
/// </summary>
internal static partial class ConfigurationKeys
{
    /// <summary>Read by ASP.NET Core, the .NET runtime or the hosting platform, not by the app's options.</summary>
    public static readonly IReadOnlySet<string> HostVariables = new HashSet<string>(StringComparer.Ordinal)
    {
        "ASPNETCORE_HTTP_PORTS",
        "ASPNETCORE_URLS",
        "ASPNETCORE_ENVIRONMENT",
        "DOTNET_NOLOGO",
        // App Service: the port its front end forwards to in a custom container.
        "WEBSITES_PORT",
    };

    private static readonly Lazy<IReadOnlySet<string>> s_template = new(() =>
    {
        var template = new ConfigurationBuilder()
            .AddJsonFile(RepositoryRoot.Combine("appsettings.template.json"), optional: false)
            .Build();
        return template.AsEnumerable().Select(kv => Normalize(kv.Key)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    });

    /// <summary>Every key of the template, array indexes left out (<c>Knowledge:DocumentFolders</c>).</summary>
    public static IReadOnlySet<string> Template => s_template.Value;

    /// <summary>Whether the app or its host reads an environment variable of this name.</summary>
    public static bool IsKnown(string environmentVariable)
    {
        ArgumentNullException.ThrowIfNull(environmentVariable);
        return HostVariables.Contains(environmentVariable)
            || Template.Contains(Normalize(environmentVariable.Replace("__", ":", StringComparison.Ordinal)));
    }

    /// <summary>The names in <paramref name="names"/> that neither the template nor the host knows.</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> names) => names.Where(name => !IsKnown(name)).Distinct().ToList();

    // "Knowledge:DocumentFolders:0" and "Knowledge:DocumentFolders" name the same setting.
    private static string Normalize(string key) => IndexSegment().Replace(key, string.Empty);

    [GeneratedRegex(@":\d+(?=:|$)")]
    private static partial Regex IndexSegment();
}
