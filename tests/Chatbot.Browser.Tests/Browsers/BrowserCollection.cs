using Chatbot.Browser.Tests.Hosting;

namespace Chatbot.Browser.Tests.Browsers;

/// <summary>
/// The browser tests share one app process and one Chromium, and run one at a time: the machine has two cores, and
/// the app's first start builds its knowledge index.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ChatbotAppFixture>, ICollectionFixture<ChromiumFixture>
{
    /// <summary>The collection's name, for <c>[Collection(BrowserCollection.Name)]</c>.</summary>
    public const string Name = "Browser";
}
