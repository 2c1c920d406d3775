namespace Chatbot.Tools.Benchmarks.Turns;

/// <summary>What a turn benchmark scenario puts behind <c>/api/messages</c>, in the order they run.</summary>
public enum TurnScenario
{
    /// <summary><c>echo</c>: <see cref="EchoBot"/>, state saved each turn.</summary>
    Echo,

    /// <summary><c>embed</c>: <see cref="EchoBot"/> that also embeds the message once with MiniLM.</summary>
    Embed,

    /// <summary><c>app</c>: the real app with the extractive backend.</summary>
    App,

    /// <summary><c>fake-llm</c>: the real app with Ollama as its backend, played by <see cref="FakeOllamaModel"/>.</summary>
    FakeLlm,
}
