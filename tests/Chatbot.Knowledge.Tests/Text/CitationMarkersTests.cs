using Chatbot.Knowledge.Text;

namespace Chatbot.Knowledge.Tests.Text;

public sealed class CitationMarkersTests
{
    [Theory]
    [InlineData("[1]", new[] { 1 })]
    [InlineData("[1, 2]", new[] { 1, 2 })]
    [InlineData("[2-4]", new[] { 2, 3, 4 })]
    [InlineData("[Source 3]", new[] { 3 })]
    public void TryReadMarker_ReadsNumbers(string text, int[] expected)
    {
        Assert.True(CitationMarkers.TryReadMarker(text, 0, out var end, out var numbers));
        Assert.Equal(text.Length, end);
        Assert.Equal(expected, numbers);
    }

    [Theory]
    [InlineData("[note]")]
    [InlineData("[]")]
    [InlineData("[1")]
    public void TryReadMarker_RejectsOtherBrackets(string text) => Assert.False(CitationMarkers.TryReadMarker(text, 0, out _, out _));

    [Fact]
    public void Strip_RemovesMarkersAndCollectsNumbers()
    {
        var numbers = new List<int>();
        Assert.Equal("a b [x]", CitationMarkers.Strip("a[1][2] b [x]", numbers));
        Assert.Equal([1, 2], numbers);
    }
}
