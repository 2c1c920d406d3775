using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Chatbot.Dialogs;

/// <summary>
/// Reads values back from a dialog's persisted state whatever the storage's JSON settings were.
/// </summary>
/// <remarks>
/// MemoryStorage keeps type names, so values come back as the types we wrote; storages without type
/// names give <see cref="JToken"/>s and <see cref="long"/>s. A converted value is written back so that
/// later changes to it are the ones saved at the end of the turn.
/// </remarks>
internal static class PersistedState
{
    public static T? Get<T>(IDictionary<string, object> state, string key)
        where T : class
    {
        if (!state.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is T typed)
        {
            return typed;
        }

        var token = value as JToken ?? JToken.FromObject(value);
        if (token.Type == JTokenType.Null)
        {
            return null;
        }

        var converted = token.ToObject<T>();
        if (converted is not null)
        {
            state[key] = converted;
        }

        return converted;
    }

    public static IDictionary<string, object> GetDictionary(IDictionary<string, object> state, string key)
    {
        if (state.TryGetValue(key, out var value) && value is IDictionary<string, object> typed)
        {
            return typed;
        }

        var converted = Get<Dictionary<string, object>>(state, key) ?? [];
        state[key] = converted;
        return converted;
    }

    public static int GetInt32(IDictionary<string, object> state, string key) =>
        state.TryGetValue(key, out var value) && value is not null
            ? value is JValue json
                ? json.ToObject<int>()
                : Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : 0;
}
