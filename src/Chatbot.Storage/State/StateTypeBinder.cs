using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Chatbot.Storage.State;

/// <summary>
/// Resolves the type names stored with state (<see cref="TypeNameHandling.All"/>), but only to types
/// state is made of: our own (<c>Chatbot*</c>), Bot Framework's (<c>Microsoft.Bot.*</c>), primitives and
/// the generic collections. A stored <c>$type</c> naming anything else fails the read instead of
/// instantiating it, so whoever can write to the database cannot make the bot run arbitrary types.
/// </summary>
public sealed class StateTypeBinder : DefaultSerializationBinder
{
    private static readonly HashSet<Type> _systemValueTypes =
    [
        typeof(string), typeof(object), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset),
        typeof(TimeSpan), typeof(Guid), typeof(Uri), typeof(DateOnly), typeof(TimeOnly),
    ];

    private static readonly HashSet<string> _collectionNamespaces = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic",
        "System.Collections.ObjectModel",
    };

    /// <inheritdoc />
    public override Type BindToType(string? assemblyName, string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        if (assemblyName is not null && !IsAllowedAssemblyName(assemblyName))
        {
            throw Refused(typeName, assemblyName);
        }

        var type = base.BindToType(assemblyName, typeName);
        return IsAllowed(type) ? type : throw Refused(typeName, assemblyName);
    }

    /// <summary>True when state may hold a <paramref name="type"/> (checked with its element and generic argument types).</summary>
    public static bool IsAllowed(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.IsArray)
        {
            return type.GetArrayRank() == 1 && IsAllowed(type.GetElementType()!);
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            return IsAllowed(type.GetGenericTypeDefinition()) && type.GetGenericArguments().All(IsAllowed);
        }

        var assembly = type.Assembly.GetName().Name ?? string.Empty;
        if (assembly == "Chatbot" || assembly.StartsWith("Chatbot.", StringComparison.Ordinal) || assembly.StartsWith("Microsoft.Bot.", StringComparison.Ordinal))
        {
            return true;
        }

        if (!IsFrameworkAssembly(assembly))
        {
            return false;
        }

        if (type.Namespace == "System")
        {
            return type.IsPrimitive || type.IsEnum || _systemValueTypes.Contains(type) || type == typeof(Nullable<>);
        }

        // Only the plain containers: their contents are checked as generic arguments.
        return type.Namespace is not null && _collectionNamespaces.Contains(type.Namespace) && !typeof(Delegate).IsAssignableFrom(type);
    }

    private static bool IsAllowedAssemblyName(string assemblyName)
    {
        var name = assemblyName.Split(',', 2)[0].Trim();
        return name == "Chatbot" || name.StartsWith("Chatbot.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Bot.", StringComparison.Ordinal) || IsFrameworkAssembly(name);
    }

    private static bool IsFrameworkAssembly(string name) =>
        name is "mscorlib" or "netstandard" or "System.Private.CoreLib" or "System.Runtime" or "System.Collections" or "System.Private.Uri";

    private static JsonSerializationException Refused(string typeName, string? assemblyName) =>
        new($"Stored state names the type '{typeName}, {assemblyName}', which state may not hold; the item is not read.");
}
