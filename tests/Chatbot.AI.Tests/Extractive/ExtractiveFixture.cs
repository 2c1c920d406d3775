using Chatbot.AI.Extractive;
using Chatbot.AI.Prompting;
using Chatbot.Grounding;
using Chatbot.Grounding.Model;
using Chatbot.Knowledge.Embeddings;

namespace Chatbot.AI.Tests.Extractive;

/// <summary>
/// One MiniLM model, grounding checker and composer per test class (loading the model takes about a second),
/// and the small numbered sources the extractive tests quote from.
/// </summary>
public sealed class ExtractiveFixture : IDisposable
{
    public const string DiffusionText =
        "A diffusion model learns to reverse a gradual noising process. " +
        "During training, Gaussian noise is added to an image step by step until nothing but noise remains. " +
        "A neural network learns to predict and remove that noise at each step. " +
        "To generate a picture, the model starts from pure noise and denoises it over many steps. " +
        "Text-to-image systems condition each denoising step on a text prompt through cross-attention. " +
        "Sampling is slower than with a GAN because a diffusion model needs many network evaluations per image. " +
        "Latent diffusion runs the whole process in a compressed latent space to save a great deal of compute.";

    public const string GanText =
        "A generative adversarial network trains two neural networks against each other. " +
        "The generator turns random noise into fake samples such as images. " +
        "The discriminator receives both real training images and generated ones and learns to tell which are fake. " +
        "Training alternates between the two players until the fakes look real. " +
        "Mode collapse happens when the generator produces only a few kinds of output. " +
        "GANs generate an image in a single forward pass, so sampling them is fast.";

    public const string Gpt4Text =
        "GPT-4 is a large multimodal language model created by OpenAI. " +
        "OpenAI released GPT-4 on 14 March 2023. " +
        "It accepts image and text inputs and produces text outputs. " +
        "GPT-4 was made available to the public through ChatGPT Plus and the OpenAI API.";

    public ExtractiveFixture()
    {
        var embedder = new MemoizingEmbeddingGenerator(Generator);
        Checker = new GroundingChecker(embedder, GroundingModel.LoadDefault());
        Composer = new ExtractiveComposer(embedder, Checker, SentenceRanker.LoadDefault());
    }

    public MiniLmEmbeddingGenerator Generator { get; } = new();

    public GroundingChecker Checker { get; }

    public ExtractiveComposer Composer { get; }

    /// <summary>Diffusion [1], GANs [2], GPT-4 [3].</summary>
    public static IReadOnlyList<PromptSource> Sources { get; } =
    [
        new(1, "Diffusion models", DiffusionText),
        new(2, "Generative adversarial networks", GanText),
        new(3, "GPT-4", Gpt4Text),
    ];

    public void Dispose() => Generator.Dispose();
}
