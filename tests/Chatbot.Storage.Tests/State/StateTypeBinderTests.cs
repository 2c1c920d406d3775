using Chatbot.Conversation.State;
using Chatbot.Dialogs;
using Chatbot.Storage.State;
using Microsoft.Bot.Schema;

namespace Chatbot.Storage.Tests.State;

public sealed class StateTypeBinderTests
{
    [Theory]
    [InlineData(typeof(DialogState))]
    [InlineData(typeof(ConversationMemory))]
    [InlineData(typeof(Activity))]
    [InlineData(typeof(Dictionary<string, object>))]
    [InlineData(typeof(List<DialogInstance>))]
    [InlineData(typeof(int?))]
    [InlineData(typeof(string[]))]
    [InlineData(typeof(DateTimeOffset))]
    public void StateTypes_AreAllowed(Type type) => Assert.True(StateTypeBinder.IsAllowed(type), type.FullName);

    [Theory]
    [InlineData(typeof(FileInfo))]
    [InlineData(typeof(System.Diagnostics.Process))]
    [InlineData(typeof(List<FileInfo>))]
    [InlineData(typeof(Dictionary<string, System.Diagnostics.ProcessStartInfo>))]
    [InlineData(typeof(Func<string>))]
    [InlineData(typeof(System.Security.Claims.ClaimsIdentity))]
    [InlineData(typeof(Type))]
    [InlineData(typeof(Comparison<string>))]
    public void OtherTypes_AreRefused(Type type) => Assert.False(StateTypeBinder.IsAllowed(type), type.FullName);

    [Fact]
    public void ANameInAnAssemblyOutsideTheList_IsRefusedBeforeItIsLoaded()
    {
        var ex = Assert.Throws<Newtonsoft.Json.JsonSerializationException>(() => new StateTypeBinder().BindToType("Some.Plugin", "Some.Plugin.Gadget"));
        Assert.Contains("Some.Plugin.Gadget", ex.Message, StringComparison.Ordinal);
    }
}
