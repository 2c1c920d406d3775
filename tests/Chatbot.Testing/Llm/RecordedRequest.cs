namespace Chatbot.Testing;

/// <summary>One request a fake server received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The request path, e.g. <c>/api/chat</c>.</param>
/// <param name="Body">The request body as text (empty when none).</param>
/// <param name="Headers">The request headers, names lower-cased.</param>
public sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers);
