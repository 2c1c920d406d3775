using Chatbot.Knowledge.Embeddings;
using Chatbot.Knowledge.Hosting;
using Chatbot.Knowledge.Indexing;
using Chatbot.Knowledge.Ingestion;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Knowledge.Tests.TestSupport;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Knowledge.Tests;

[Collection(MiniLmCollection.Name)]
public sealed class KnowledgeServiceCollectionExtensionsTests(MiniLmFixture model) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AddKnowledge_RegistersTheEngineAndTheModelOnce()
    {
        using var provider = Build(new Dictionary<string, string?>(), model.Generator);

        var generator = provider.GetRequiredService<MiniLmEmbeddingGenerator>();
        Assert.Same(model.Generator, generator);

        // Everyone embeds through the one pipeline in front of the model: logging, OpenTelemetry, a bounded cache.
        var pipeline = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        Assert.Same(pipeline, provider.GetRequiredService<KnowledgeIndex>().EmbeddingGenerator);
        Assert.Same(generator, pipeline.GetService<MiniLmEmbeddingGenerator>());
        Assert.Equal(1024, pipeline.GetService<BoundedCachingEmbeddingGenerator>()!.Capacity);
        Assert.NotNull(pipeline.GetService<LoggingEmbeddingGenerator<string, Embedding<float>>>());
        Assert.NotNull(pipeline.GetService<OpenTelemetryEmbeddingGenerator<string, Embedding<float>>>());
        Assert.NotNull(provider.GetRequiredService<HybridRetriever>());
        Assert.NotNull(provider.GetRequiredService<KnowledgeIngestor>());
        Assert.Equal(
            [typeof(KnowledgeIndexStartupService), typeof(KnowledgeIndexReloadService)],
            provider.GetServices<IHostedService>().Select(service => service.GetType()));
    }

    [Fact]
    public void AddKnowledge_BindsTheKnowledgeSection()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["Knowledge:TopK"] = "7",
            ["Knowledge:DocumentFolders:0"] = "/pilot/a",
            ["Knowledge:DocumentFolders:1"] = "/pilot/b",
            ["Knowledge:ChunkMaxWords"] = "300",
        });

        var options = provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value;

        Assert.Equal(7, options.TopK);
        Assert.Equal(["/pilot/a", "/pilot/b"], options.DocumentFolders);
        Assert.Equal(300, options.ChunkMaxWords);
        Assert.Equal("knowledge", new KnowledgeOptions().BuiltInPath);
        Assert.Equal("data/index", new KnowledgeOptions().IndexPath);
    }

    [Theory]
    [InlineData("Knowledge:ChunkMinWords", "500")]
    [InlineData("Knowledge:TopK", "0")]
    [InlineData("Knowledge:IndexPath", "")]
    [InlineData("Knowledge:SearchCollection", "pilots")]
    public void AddKnowledge_InvalidOptions_FailValidation(string key, string value)
    {
        using var provider = Build(new Dictionary<string, string?> { [key] = value });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value);
    }

    [Fact]
    public async Task StartupService_BuildsTheMissingIndexFromTheBuiltInFolder()
    {
        var knowledge = WriteCorpus();

        using var provider = Build(new Dictionary<string, string?> { ["Knowledge:BuiltInPath"] = knowledge }, new HashingEmbeddingGenerator());
        var service = provider.GetServices<IHostedService>().OfType<KnowledgeIndexStartupService>().Single();

        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        var index = provider.GetRequiredService<KnowledgeIndex>();
        Assert.Equal(5, index.Manifest.Files.Count);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "index", "manifest.json")));
    }

    [Fact]
    public async Task ReloadService_LoadsAnIndexAnotherProcessWroteOnTheNextCheck()
    {
        var knowledge = WriteCorpus();

        var time = new FakeTimeProvider();
        var generator = new HashingEmbeddingGenerator();
        using var provider = Build(new Dictionary<string, string?> { ["Knowledge:BuiltInPath"] = knowledge, ["Knowledge:ReloadCheckSeconds"] = "30" }, generator, time);
        var index = provider.GetRequiredService<KnowledgeIndex>();
        await provider.GetRequiredService<KnowledgeIngestor>().EnsureIndexedAsync();
        var reload = provider.GetServices<IHostedService>().OfType<KnowledgeIndexReloadService>().Single();
        await reload.StartAsync(CancellationToken.None);

        // "ingest PATH" from the command line: another index instance on the same folder.
        var pilot = Path.Combine(_folder.Path, "pilot.md");
        File.WriteAllText(pilot, TestDocuments.PilotDocument.Content);
        var options = provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
        using (var cli = new KnowledgeIndex(options.IndexPath, generator))
        {
            await new KnowledgeIngestor(cli, options).IngestAsync(IngestSource.Pilot(pilot));
        }

        var before = index.ChunkCount;
        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(200);
        Assert.Equal(before, index.ChunkCount);

        time.Advance(TimeSpan.FromSeconds(1));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (index.ChunkCount == before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        await reload.StopAsync(CancellationToken.None);
        Assert.True(index.ChunkCount > before);
        Assert.Contains(index.Manifest.Files.Values, entry => entry.Collection == "pilot");
    }

    /// <summary>Writes the test corpus into <c>knowledge/</c> of the temp folder and returns that folder.</summary>
    private string WriteCorpus()
    {
        var knowledge = Directory.CreateDirectory(Path.Combine(_folder.Path, "knowledge")).FullName;
        foreach (var (file, content) in TestDocuments.Corpus)
        {
            File.WriteAllText(Path.Combine(knowledge, file), content);
        }

        return knowledge;
    }

    private ServiceProvider Build(Dictionary<string, string?> settings, IEmbeddingGenerator<string, Embedding<float>>? generator = null, TimeProvider? time = null)
    {
        settings.TryAdd("Knowledge:IndexPath", Path.Combine(_folder.Path, "index"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (generator is MiniLmEmbeddingGenerator miniLm)
        {
            services.AddSingleton(miniLm);
        }
        else if (generator is not null)
        {
            services.AddSingleton(generator);
        }

        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddKnowledge(configuration);
        return services.BuildServiceProvider();
    }
}
