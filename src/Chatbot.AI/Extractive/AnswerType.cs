namespace Chatbot.AI.Extractive;

/// <summary>The kind of fact a question asks for (see <see cref="AnswerTypes"/>); a definition is recognised apart.</summary>
internal enum AnswerType
{
    /// <summary>Nothing in particular: any relevant sentence.</summary>
    None,

    /// <summary>A date or a year.</summary>
    When,

    /// <summary>A person or an organisation doing something.</summary>
    Who,

    /// <summary>A quoted title, such as a paper's.</summary>
    Title,

    /// <summary>An amount: a number with what it counts.</summary>
    HowMany,

    /// <summary>A cause or a reason.</summary>
    Why,
}
