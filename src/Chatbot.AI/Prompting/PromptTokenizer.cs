using Microsoft.ML.Tokenizers;

namespace Chatbot.AI.Prompting;

/// <summary>
/// The tokenizer prompts are measured with: GPT-4o's o200k_base, loaded from the
/// Microsoft.ML.Tokenizers.Data.O200kBase package (no download). Other models' tokenizers differ a little;
/// budgets are estimates, not limits to the token.
/// </summary>
public static class PromptTokenizer
{
    private static readonly Lazy<Tokenizer> s_default = new(() => TiktokenTokenizer.CreateForModel("gpt-4o"));

    /// <summary>The shared tokenizer (created on first use; thread-safe).</summary>
    public static Tokenizer Default => s_default.Value;
}
