using Chatbot.Testing.Files;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;

namespace Chatbot.Tests.Packaging;

/// <summary>
/// The AdaptiveCards compatibility package in eng/packages must be what eng/AdaptiveCards builds:
/// after a change to the source, run eng/pack-adaptivecards.sh and commit the new package.
/// </summary>
public sealed class AdaptiveCardsPackageTests
{
    private static readonly string s_sourceDir = RepositoryRoot.Combine("eng", "AdaptiveCards");
    private static readonly string s_package = RepositoryRoot.Combine("eng", "packages", "AdaptiveCards.3.1.0.nupkg");

    [Fact]
    public void CommittedPackage_WasPackedFromTheCurrentSource()
    {
        using var zip = ZipFile.OpenRead(s_package);
        var entry = zip.GetEntry("source.sha256") ?? throw new Xunit.Sdk.XunitException("The package has no source.sha256; repack it with eng/pack-adaptivecards.sh.");
        using var reader = new StreamReader(entry.Open());
        var packed = reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1].Trim(), parts => parts[0]);

        var current = Directory.EnumerateFiles(s_sourceDir)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .ToDictionary(f => System.IO.Path.GetFileName(f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f))));

        Assert.Equal(current.Keys.Order(StringComparer.Ordinal), packed.Keys.Order(StringComparer.Ordinal));
        foreach (var (file, hash) in current)
        {
            Assert.True(packed[file] == hash, $"{file} changed since the package was built: run eng/pack-adaptivecards.sh and commit eng/packages.");
        }
    }

    [Fact]
    public void CommittedPackage_HoldsOnePublicType_WithTheAssemblyVersionBotSchemaExpects()
    {
        using var zip = ZipFile.OpenRead(s_package);
        var dll = zip.GetEntry("lib/netstandard2.0/AdaptiveCards.dll") ?? throw new Xunit.Sdk.XunitException("No lib/netstandard2.0/AdaptiveCards.dll in the package.");
        using var stream = new MemoryStream();
        using (var source = dll.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var publicTypes = metadata.TypeDefinitions
            .Select(metadata.GetTypeDefinition)
            .Where(t => (t.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(t => $"{metadata.GetString(t.Namespace)}.{metadata.GetString(t.Name)}")
            .ToList();

        Assert.Equal(["AdaptiveCards.AdaptiveCard"], publicTypes);
        Assert.Equal(new Version(1, 2, 0, 0), metadata.GetAssemblyDefinition().Version);
    }

    [Fact]
    public void BotSchema_LoadsAllItsTypes_AgainstTheCompatibilityAssembly()
    {
        var schema = typeof(Microsoft.Bot.Schema.Activity).Assembly;
        var reference = schema.GetReferencedAssemblies().Single(a => a.Name == "AdaptiveCards");

        var types = schema.GetTypes(); // throws ReflectionTypeLoadException if a referenced type is missing
        var loaded = Assembly.Load(reference);

        Assert.NotEmpty(types);
        Assert.NotNull(loaded.GetType("AdaptiveCards.AdaptiveCard", throwOnError: true));
        Assert.True(loaded.GetName().Version >= reference.Version);
    }
}
