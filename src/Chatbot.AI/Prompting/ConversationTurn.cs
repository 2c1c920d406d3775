using Microsoft.Extensions.AI;

namespace Chatbot.AI.Prompting;

/// <summary>An earlier turn of the conversation.</summary>
/// <param name="Role"><see cref="ChatRole.User"/> or <see cref="ChatRole.Assistant"/>; other roles are left out of prompts.</param>
/// <param name="Text">What was said.</param>
public sealed record ConversationTurn(ChatRole Role, string Text);
