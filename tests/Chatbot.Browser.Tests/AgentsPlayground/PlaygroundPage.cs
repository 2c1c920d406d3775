using System.Globalization;
using Microsoft.Playwright;

namespace Chatbot.Browser.Tests.AgentsPlayground;

/// <summary>
/// The Agents Playground's web page (version 0.2.28, Teams look) as a person uses it: the conversation's messages, the
/// compose box, the citation pop-ups, the feedback buttons and form, and the log panel. Found by what the page shows
/// and its ARIA labels, not its generated class names.
/// </summary>
public sealed class PlaygroundPage
{
    private readonly IPage _page;

    private PlaygroundPage(IPage page)
    {
        _page = page;
    }

    /// <summary>Every message of the open conversation: the element holding a message's header, text and buttons.</summary>
    public ILocator Messages => _page.Locator("div:has(> [aria-label='Message header'])");

    /// <summary>The bot's messages (the user's own have no author in their header).</summary>
    public ILocator BotMessages => Messages.Filter(new() { Has = _page.Locator("[aria-label='Message author']") });

    /// <summary>The bot's messages with feedback buttons: final answers (a stream's updates have none).</summary>
    public ILocator Answers => BotMessages.Filter(new() { Has = _page.Locator("[aria-label='Feedback Button']") });

    /// <summary>The compose box.</summary>
    public ILocator ComposeBox => _page.Locator("[role=textbox][contenteditable=true]");

    /// <summary>The form the Playground shows after a thumbs up or down, as Teams does for the default feedback loop.</summary>
    public ILocator FeedbackForm => _page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "Submit feedback" });

    /// <summary>What the Playground shows once the bot has accepted the feedback.</summary>
    public ILocator FeedbackThanks => _page.GetByRole(AriaRole.Dialog).Filter(new() { HasText = "We appreciate your feedback" });

    /// <summary>
    /// The log panel's entries, one per line: each activity between the Playground and the bot with its HTTP status
    /// ("[11:41:28 PM] User Application -> Microsoft 365 Agents Playground message 201 …"), and the Playground's notices.
    /// </summary>
    public ILocator LogEntries => _page.Locator("[contenteditable=true][spellcheck=false] > div");

    /// <summary>Opens the Playground at <paramref name="address"/>.</summary>
    public static async Task<PlaygroundPage> OpenAsync(IPage page, Uri address)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(address);
        await page.GotoAsync(address.ToString());
        return new PlaygroundPage(page);
    }

    /// <summary>The bot's messages that contain <paramref name="text"/>.</summary>
    public ILocator BotMessage(string text) => BotMessages.Filter(new() { HasText = text });

    /// <summary>A suggested action (a button under a message).</summary>
    public ILocator SuggestedAction(string title) => _page.GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    /// <summary>Types <paramref name="text"/> in the compose box and sends it.</summary>
    public async Task SendAsync(string text)
    {
        await ComposeBox.FillAsync(text);
        await ComposeBox.PressAsync("Enter");
    }

    /// <summary>The "AI generated" label in a message's header (from the message entity's <c>AIGeneratedContent</c>).</summary>
    public static ILocator AiLabel(ILocator message) => message.GetByText("AI generated", new() { Exact = true });

    /// <summary>The citation markers in a message's text: each [n] of the text, shown as a small numbered button.</summary>
    public static ILocator CitationMarkers(ILocator message) => message.Locator("p a[role=button]");

    /// <summary>The thumbs-up button under a message.</summary>
    public static ILocator LikeButton(ILocator message) => message.Locator("[aria-label='Feedback Button'] button[aria-label='Like']");

    /// <summary>The pop-up of citation <paramref name="number"/>: the source's name, and its abstract linked to its address.</summary>
    public ILocator CitationPopup(int number) =>
        _page.GetByRole(AriaRole.Dialog).Filter(new() { Has = _page.Locator($"a[aria-label='Close Reference {number}']") });

    /// <summary>
    /// Opens a marker's pop-up by pointing at it, as a person does; a click toggles it, so Playwright's click (which
    /// points first) would close it again.
    /// </summary>
    /// <remarks>
    /// The pop-up opens on the pointer entering the marker. When the message re-renders under a resting pointer (the
    /// final message replacing the streamed one, a layout shift on a busy machine) no enter event fires, so the pointer
    /// is moved away and back, a few times, before giving up.
    /// </remarks>
    public async Task<ILocator> OpenCitationAsync(ILocator marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var number = int.Parse((await marker.InnerTextAsync()).Trim(), CultureInfo.InvariantCulture);
        var popup = CitationPopup(number);
        const int attempts = 4;
        for (var attempt = 1; ; attempt++)
        {
            await PointAwayAsync();
            await marker.HoverAsync();
            try
            {
                await popup.WaitForAsync(new() { Timeout = 15_000 });
                return popup;
            }
            catch (TimeoutException) when (attempt < attempts)
            {
                // Point elsewhere and try again.
            }
        }
    }

    /// <summary>Closes whatever pop-up is open and moves the pointer out of the conversation.</summary>
    public async Task DismissPopupAsync()
    {
        await _page.Keyboard.PressAsync("Escape");
        await PointAwayAsync();
    }

    /// <summary>Moves the pointer to the page's top-left corner, outside the conversation.</summary>
    private Task PointAwayAsync() => _page.Mouse.MoveAsync(1, 1);
}
