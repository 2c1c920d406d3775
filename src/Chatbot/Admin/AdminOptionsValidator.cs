using Microsoft.Extensions.Options;

namespace Chatbot.Admin;

/// <summary>A key that is set must be long enough to resist guessing; the messages never repeat it.</summary>
public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (options.ApiKey.Length < AdminOptions.MinKeyLength)
        {
            failures.Add($"Admin:ApiKey must have at least {AdminOptions.MinKeyLength} characters (it has {options.ApiKey.Length}); leave it empty to turn the admin endpoints off.");
        }

        if (options.ApiKey.Trim().Length != options.ApiKey.Length || options.ApiKey.Any(char.IsControl))
        {
            failures.Add("Admin:ApiKey must not start or end with spaces or contain control characters: a header could not carry it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
