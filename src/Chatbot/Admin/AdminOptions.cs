namespace Chatbot.Admin;

/// <summary>The admin report and transcripts (section <c>Admin</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Admin";

    /// <summary>The request header that carries the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The shortest key accepted.</summary>
    public const int MinKeyLength = 16;

    /// <summary>
    /// The key a caller sends in <see cref="HeaderName"/>; empty turns the admin endpoints off (they answer 404).
    /// A secret: user secrets or the environment (<c>Admin__ApiKey</c>), never a file in git.
    /// </summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Whether a key is set, and so whether the admin endpoints answer.</summary>
    public bool Enabled => !string.IsNullOrEmpty(ApiKey);
}
