using Microsoft.Bot.Builder;

namespace Chatbot.Dialogs;

/// <summary>
/// What a <see cref="PromptValidator{T}"/> gets to decide on.
/// </summary>
/// <typeparam name="T">The type of value the prompt returns.</typeparam>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext turnContext, PromptRecognizerResult<T> recognized, IDictionary<string, object> state, PromptOptions options)
    {
        Context = turnContext;
        Recognized = recognized;
        State = state;
        Options = options;
    }

    /// <summary>Gets the turn.</summary>
    public ITurnContext Context { get; }

    /// <summary>Gets what the prompt recognized.</summary>
    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>Gets the options the prompt was started with.</summary>
    public PromptOptions Options { get; }

    /// <summary>Gets the prompt's persisted state, where a validator may keep its own values.</summary>
    public IDictionary<string, object> State { get; }

    /// <summary>Gets how many inputs the prompt has received, this one included (1 on the first answer).</summary>
    public int AttemptCount => PersistedState.GetInt32(State, Prompt<T>.AttemptCountKey);
}
