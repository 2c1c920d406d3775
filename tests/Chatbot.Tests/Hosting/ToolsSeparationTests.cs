using System.Reflection;
using Chatbot.AI.Responding;
using Chatbot.Conversation.Intents;
using Chatbot.Dialogs;
using Chatbot.Grounding;
using Chatbot.Knowledge.Retrieval;
using Chatbot.Tools.Benchmarks.Knowledge;
using Chatbot.Tools.Evaluation.Grounding;
using Chatbot.Tools.Evaluation.Intents;
using Chatbot.Tools.Training.Grounding;
using Chatbot.Tools.Training.Ranking;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Tests.Hosting;

/// <summary>
/// Runtime assemblies carry only what runs in production: trainers, evaluators and benchmarks live in
/// Chatbot.Tools, which only the CLI reaches, and the web host registers nothing from it.
/// </summary>
public sealed class ToolsSeparationTests
{
    private static readonly Assembly s_tools = typeof(KnowledgeBenchmark).Assembly;

    private static readonly Assembly[] s_runtimeLibraries =
    [
        typeof(HybridRetriever).Assembly,     // Chatbot.Knowledge
        typeof(GroundingChecker).Assembly,    // Chatbot.Grounding
        typeof(Responder).Assembly,           // Chatbot.AI
        typeof(IIntentRecognizer).Assembly,   // Chatbot.Conversation
        typeof(DialogInstance).Assembly,      // Chatbot.Dialogs
    ];

    [Fact]
    public async Task Host_RegistersNoTypeFromTheTools()
    {
        IServiceCollection? registered = null;
        await using var app = new ChatbotAppFactory(services: services => registered = services);
        _ = app.Services; // builds the host; the callback runs after Program has added its services

        Assert.NotNull(registered);
        Assert.Contains(registered, descriptor => descriptor.ServiceType == typeof(HybridRetriever));
        var fromTools = registered
            .SelectMany(TypesOf)
            .Where(type => type.Assembly == s_tools)
            .Select(type => type.FullName)
            .Distinct()
            .ToList();
        Assert.Empty(fromTools);
    }

    [Fact]
    public void RuntimeAssemblies_HoldNoTrainerEvaluatorOrBenchmark()
    {
        var offending = s_runtimeLibraries.Append(typeof(Program).Assembly)
            .SelectMany(assembly => assembly.GetTypes())
            .Where(IsToolByName)
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void RuntimeLibraries_DoNotReferenceTheTools()
    {
        var referencing = s_runtimeLibraries
            .Where(assembly => assembly.GetReferencedAssemblies().Any(reference => reference.Name == s_tools.GetName().Name))
            .Select(assembly => assembly.GetName().Name)
            .ToList();

        Assert.Empty(referencing);
    }

    [Fact]
    public void ToolsAssembly_HoldsTheMovedTypes()
    {
        // The name rule above would miss nothing only if it finds them where they are.
        Type[] moved = [typeof(KnowledgeBenchmark), typeof(GroundingTrainer), typeof(RagTruthEvaluator), typeof(IntentEvaluator), typeof(SentenceRankerTrainer)];

        Assert.All(moved, type => Assert.Same(s_tools, type.Assembly));
        Assert.All(moved, type => Assert.True(IsToolByName(type), type.Name));
    }

    private static bool IsToolByName(Type type)
    {
        var name = type.Name.Split('`')[0];
        return name.EndsWith("Trainer", StringComparison.Ordinal)
            || name.EndsWith("Evaluator", StringComparison.Ordinal)
            || name.EndsWith("Benchmark", StringComparison.Ordinal);
    }

    /// <summary>Every type a registration names: the service, its implementation or instance, what its factory returns, and their type arguments.</summary>
    private static IEnumerable<Type> TypesOf(ServiceDescriptor descriptor)
    {
        var direct = descriptor.IsKeyedService
            ? new[] { descriptor.ServiceType, descriptor.KeyedImplementationType, descriptor.KeyedImplementationInstance?.GetType(), descriptor.KeyedImplementationFactory?.Method.ReturnType }
            : [descriptor.ServiceType, descriptor.ImplementationType, descriptor.ImplementationInstance?.GetType(), descriptor.ImplementationFactory?.Method.ReturnType];
        return direct.OfType<Type>().SelectMany(WithTypeArguments);
    }

    private static IEnumerable<Type> WithTypeArguments(Type type) =>
        type.IsGenericType ? [type, .. type.GetGenericArguments().SelectMany(WithTypeArguments)] : [type];
}
