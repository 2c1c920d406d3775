using System.ComponentModel.DataAnnotations;

namespace Chatbot.Configuration;

/// <summary>Where conversation and user state live (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Storage";

    /// <summary>
    /// The state store. <c>Memory</c> keeps state in the process: it is lost on restart and not
    /// shared between instances, which suits local development and tests.
    /// </summary>
    [Required]
    [AllowedValues("Memory", ErrorMessage = "must be Memory (durable stores are not available yet)")]
    public string Provider { get; set; } = "Memory";
}
