namespace Chatbot.Dialogs;

/// <summary>
/// Decides whether a prompt's recognized input is acceptable. A validator may send its own message;
/// the prompt then does not send its retry prompt.
/// </summary>
/// <typeparam name="T">The type of value the prompt returns.</typeparam>
/// <param name="promptContext">The recognized input, the options and the attempt count.</param>
/// <param name="cancellationToken">A token to cancel the operation.</param>
/// <returns><see langword="true"/> to accept the input and end the prompt with it.</returns>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
