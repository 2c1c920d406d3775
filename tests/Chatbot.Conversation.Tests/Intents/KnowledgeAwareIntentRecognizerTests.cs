using Chatbot.Conversation.Intents;
using Chatbot.Knowledge;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Microsoft.Extensions.Options;

namespace Chatbot.Conversation.Tests.Intents;

[Collection(IntentRecognizerCollection.Name)]
public sealed class KnowledgeAwareIntentRecognizerTests(IntentRecognizerFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("knowledge-intents-").FullName;
    private readonly List<KnowledgeIndex> _indexes = [];

    public void Dispose()
    {
        _indexes.ForEach(index => index.Dispose());
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RecognizeAsync_QuestionAboutAPilotDocument_IsAQuestion()
    {
        var recognizer = await CreateAsync(withPilotDocument: true);

        var result = await fixture.RecognizeAsync("How long do I have to send my Contoso laptop back?", recognizer);

        Assert.Equal(Intent.Ask, result.Intent);
        Assert.True(result.IsConfident);
        Assert.Equal(IntentSource.Knowledge, result.Source);
    }

    [Theory]
    [InlineData("What's the weather in Paris tomorrow?", Intent.OutOfScope)]
    [InlineData("What is a generative adversarial network?", Intent.Ask)]
    [InlineData("thanks a lot", Intent.Thanks)]
    public async Task RecognizeAsync_OtherMessages_KeepTheirIntent(string utterance, Intent expected)
    {
        var recognizer = await CreateAsync(withPilotDocument: true);

        var result = await fixture.RecognizeAsync(utterance, recognizer);

        Assert.Equal(expected, result.Intent);
        Assert.NotEqual(IntentSource.Knowledge, result.Source);
    }

    [Fact]
    public async Task RecognizeAsync_NothingInTheIndexMatches_LeavesTheResultAlone()
    {
        var recognizer = await CreateAsync(withPilotDocument: false);

        var expected = await fixture.RecognizeAsync("How long do I have to send my Contoso laptop back?");
        var result = await fixture.RecognizeAsync("How long do I have to send my Contoso laptop back?", recognizer);

        Assert.Equal(expected, result);
    }

    private async Task<KnowledgeAwareIntentRecognizer> CreateAsync(bool withPilotDocument)
    {
        var builtIn = Directory.CreateDirectory(Path.Combine(_folder, "builtin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(builtIn, "gans.md"), """
            # Generative adversarial networks

            A generative adversarial network trains two neural networks against each other: a generator that makes fake samples and a discriminator that tries to tell them from real ones.
            """);
        var pilot = Directory.CreateDirectory(Path.Combine(_folder, "pilot")).FullName;
        if (withPilotDocument)
        {
            await File.WriteAllTextAsync(Path.Combine(pilot, "returns.md"), """
                # Contoso returns policy

                Customers of Contoso can return a laptop within 45 days of delivery for a full refund. The laptop must come back with its charger and original box.
                """);
        }

        var options = new KnowledgeOptions { IndexPath = Path.Combine(_folder, "index"), BuiltInPath = builtIn, DocumentFolders = [pilot], ChunkMinWords = 10 };
        var index = new KnowledgeIndex(options.IndexPath, fixture.Generator);
        _indexes.Add(index);
        await new KnowledgeIngestor(index, options).EnsureIndexedAsync();
        return new KnowledgeAwareIntentRecognizer(fixture.Recognizer, new HybridRetriever(index), Options.Create(new IntentOptions()));
    }
}
