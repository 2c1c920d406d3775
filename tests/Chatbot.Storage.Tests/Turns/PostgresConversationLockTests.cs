using Chatbot.Storage.Turns;
using Chatbot.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chatbot.Storage.Tests.Turns;

public sealed class PostgresConversationLockTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [PostgresFact]
    public async Task TwoInstances_TakeTurnsOnOneConversation_ButNotOnDifferentOnes()
    {
        // Two lock objects with their own connection pools stand for two app instances.
        await using var instanceA = new PostgresConversationLock(database.ConnectionString, NullLogger<PostgresConversationLock>.Instance);
        await using var instanceB = new PostgresConversationLock(database.ConnectionString, NullLogger<PostgresConversationLock>.Instance);
        var held = await instanceA.AcquireAsync("msteams/conversations/a");

        var sameOnB = instanceB.AcquireAsync("msteams/conversations/a").AsTask();
        await using (await instanceB.AcquireAsync("msteams/conversations/b").AsTask().WaitAsync(TimeSpan.FromSeconds(10)))
        {
            await Task.Delay(300);
            Assert.False(sameOnB.IsCompleted, "instance B took a conversation instance A holds");
        }

        await held.DisposeAsync();
        await using var next = await sameOnB.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [PostgresFact]
    public async Task AWaitLongerThanTheLimit_IsATimeout()
    {
        await using var instanceA = new PostgresConversationLock(database.ConnectionString, NullLogger<PostgresConversationLock>.Instance);
        await using var instanceB = new PostgresConversationLock(database.ConnectionString, NullLogger<PostgresConversationLock>.Instance, TimeSpan.FromMilliseconds(500));
        await using var held = await instanceA.AcquireAsync("c");

        await Assert.ThrowsAsync<TimeoutException>(() => instanceB.AcquireAsync("c").AsTask());
    }

    [Fact]
    public void LockIds_AreStable_AndDifferPerConversation()
    {
        Assert.Equal(PostgresConversationLock.LockId("webchat/conversations/x"), PostgresConversationLock.LockId("webchat/conversations/x"));
        Assert.NotEqual(PostgresConversationLock.LockId("webchat/conversations/x"), PostgresConversationLock.LockId("webchat/conversations/y"));
    }
}
