using Chatbot.Dialogs.Choices;
using Microsoft.Bot.Builder;

namespace Chatbot.Dialogs.Tests;

/// <summary>Small dialogs and helpers shared by the tests.</summary>
internal static class TestDialogs
{
    public static PromptOptions Ask(string text, string? retry = null, params string[] choices) => new()
    {
        Prompt = MessageFactory.Text(text),
        RetryPrompt = retry is null ? null : MessageFactory.Text(retry),
        Choices = choices.Length == 0 ? null : ChoiceFactory.ToChoices(choices),
    };

    /// <summary>A component that asks a name and a colour, then confirms; it returns "name/colour" or null.</summary>
    public static ComponentDialog ProfileDialog(string id = "profile")
    {
        var component = new ComponentDialog(id);
        component.AddDialog(new WaterfallDialog("profile-steps",
        [
            (step, ct) => step.PromptAsync("name", Ask("What is your name?"), ct),
            async (step, ct) =>
            {
                step.Values["name"] = (string)step.Result!;
                return await step.PromptAsync("colour", Ask("Pick a colour.", null, "Red", "Green", "Blue"), ct);
            },
            async (step, ct) =>
            {
                step.Values["colour"] = ((FoundChoice)step.Result!).Value;
                return await step.PromptAsync("confirm", Ask($"{step.Values["name"]} likes {step.Values["colour"]}?"), ct);
            },
            async (step, ct) => await step.EndDialogAsync(
                step.Result is true ? $"{step.Values["name"]}/{step.Values["colour"]}" : null, ct),
        ]));
        component.AddDialog(new TextPrompt("name"));
        component.AddDialog(new ChoicePrompt("colour"));
        component.AddDialog(new ConfirmPrompt("confirm"));
        return component;
    }

    /// <summary>A root waterfall that runs the profile component and reports its result.</summary>
    public static ComponentDialog RootWithProfile()
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("root-steps",
        [
            (step, ct) => step.BeginDialogAsync("profile", null, ct),
            async (step, ct) =>
            {
                await step.Context.SendActivityAsync(step.Result is string profile ? $"Saved {profile}." : "Nothing saved.", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            },
        ]));
        root.AddDialog(ProfileDialog());
        return root;
    }

    /// <summary>A component that runs one prompt and then reports its result as "Result: ...".</summary>
    public static ComponentDialog AskAndReport(Dialog prompt, PromptOptions options)
    {
        var root = new ComponentDialog("root");
        root.AddDialog(new WaterfallDialog("ask",
        [
            (step, ct) => step.PromptAsync(prompt.Id, options, ct),
            async (step, ct) =>
            {
                var text = step.Result switch
                {
                    null => "(none)",
                    FoundChoice choice => $"{choice.Value} at {choice.Index}",
                    bool answer => answer ? "yes" : "no",
                    var other => other.ToString(),
                };
                await step.Context.SendActivityAsync($"Result: {text}", cancellationToken: ct);
                return await step.EndDialogAsync(step.Result, ct);
            },
        ]));
        root.AddDialog(prompt);
        return root;
    }
}
