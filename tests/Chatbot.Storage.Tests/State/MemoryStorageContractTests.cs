using Microsoft.Bot.Builder;

namespace Chatbot.Storage.Tests.State;

/// <summary>The reference: Bot Framework's own store, which the <c>Memory</c> provider uses.</summary>
public sealed class MemoryStorageContractTests : StorageContractTests
{
    private readonly MemoryStorage _storage = new();

    protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(_storage);

    // Nothing outlives the process; the same object is as close to a restart as this store gets.
    protected override Task<IStorage> ReopenAsync() => Task.FromResult<IStorage>(_storage);

    protected override bool IsConflict(Exception exception) =>
        exception is ArgumentException && exception.Message.Contains("Etag conflict", StringComparison.OrdinalIgnoreCase);
}
