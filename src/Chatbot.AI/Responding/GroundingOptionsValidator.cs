using Microsoft.Extensions.Options;

namespace Chatbot.AI.Responding;

/// <summary>The rules of <see cref="GroundingOptions"/>; every message names the setting at fault.</summary>
public sealed class GroundingOptionsValidator : IValidateOptions<GroundingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GroundingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Policy))
        {
            failures.Add($"Grounding:Policy must be one of {string.Join(", ", Enum.GetNames<GroundingPolicy>())}.");
        }

        // NaN fails both comparisons, so it is caught here too.
        if (!(options.MinimumKeptShare is >= 0 and <= 1))
        {
            failures.Add($"Grounding:MinimumKeptShare must be between 0 and 1 (got {options.MinimumKeptShare}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
