using Chatbot.Storage.Turns;

namespace Chatbot.Storage.Tests.Turns;

public sealed class InProcessConversationLockTests
{
    [Fact]
    public async Task TurnsOfOneConversation_RunOneAtATime_AndOthersDoNotWait()
    {
        var conversationLock = new InProcessConversationLock();
        var held = await conversationLock.AcquireAsync("webchat/conversations/a");

        var sameConversation = conversationLock.AcquireAsync("webchat/conversations/a").AsTask();
        var otherConversation = conversationLock.AcquireAsync("webchat/conversations/b").AsTask();

        await using (await otherConversation.WaitAsync(TimeSpan.FromSeconds(5)))
        {
            await Task.Delay(100);
            Assert.False(sameConversation.IsCompleted);
        }

        await held.DisposeAsync();
        await using var next = await sameConversation.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AWaitLongerThanTheLimit_IsATimeout_AndTheLockStillWorksAfterwards()
    {
        var conversationLock = new InProcessConversationLock(TimeSpan.FromMilliseconds(200));
        var held = await conversationLock.AcquireAsync("c");

        await Assert.ThrowsAsync<TimeoutException>(() => conversationLock.AcquireAsync("c").AsTask());

        await held.DisposeAsync();
        await held.DisposeAsync(); // a second release is harmless
        await using var again = await conversationLock.AcquireAsync("c");
    }

    [Fact]
    public async Task ManyConcurrentTurns_NeverOverlap()
    {
        var conversationLock = new InProcessConversationLock();
        var inside = 0;
        var overlaps = 0;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await using var held = await conversationLock.AcquireAsync("c");
            if (Interlocked.Increment(ref inside) > 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            await Task.Yield();
            Interlocked.Decrement(ref inside);
        })));

        Assert.Equal(0, overlaps);
    }
}
