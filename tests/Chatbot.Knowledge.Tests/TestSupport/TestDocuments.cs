namespace Chatbot.Knowledge.Tests.TestSupport;

/// <summary>Small curated-style documents for ingestion and ranking tests.</summary>
public static class TestDocuments
{
    public static string Curated(string id, string title, string body, string topics = "[]") => $"""
        ---
        id: {id}
        title: {title}
        sources:
          - https://example.org/{id}
        topics: {topics}
        last_reviewed: 2026-11-29
        ---
        # {title}

        {body}
        """;

    public static readonly (string File, string Content)[] Corpus =
    [
        ("gans.md", Curated("generative-adversarial-networks", "Generative adversarial networks (GANs)", """
            ## How a GAN works
            A generative adversarial network trains two neural networks against each other. The generator turns random noise into fake samples such as images. The discriminator receives both real training images and generated ones and learns to tell which are fake.

            ## Training
            Training alternates between the two players. The discriminator is rewarded for spotting fakes, and the generator is rewarded when the discriminator is fooled. When training goes well, the generator's samples become indistinguishable from real data. Mode collapse happens when the generator produces only a few kinds of output.
            """, "[gan, generator, discriminator]")),
        ("diffusion.md", Curated("diffusion-models", "Diffusion models", """
            ## Forward and reverse process
            A diffusion model learns to reverse a gradual noising process. During training, Gaussian noise is added to an image step by step following a noise schedule until nothing but noise remains. A neural network learns to predict and remove that noise.

            ## Sampling
            To generate a picture, the model starts from pure noise and denoises it over many steps. Text-to-image systems condition each denoising step on a text prompt through cross-attention.
            """, "[diffusion, denoising, noise schedule]")),
        ("transformers.md", Curated("transformer-architecture", "The transformer architecture", """
            ## Self-attention
            Transformers process a sequence of tokens in parallel. Self-attention lets every token weigh every other token when building its representation, using queries, keys and values. Multiple attention heads capture different relationships.

            ## Positional information
            Because attention ignores order, transformers add positional encodings to token embeddings. Stacks of attention and feed-forward layers form the encoder and the decoder.
            """, "[transformer, attention, tokens]")),
        ("rag.md", Curated("retrieval-augmented-generation", "Retrieval-augmented generation (RAG)", """
            ## Why retrieve
            Retrieval-augmented generation gives a language model relevant passages from a knowledge base before it answers. Grounding answers in retrieved sources reduces hallucinations and lets the answer cite where each fact came from.

            ## Hybrid search
            Keyword search such as BM25 finds exact terms, while vector search over embeddings finds passages with similar meaning. Combining both with reciprocal rank fusion is a robust default.
            """, "[rag, retrieval, citations]")),
        ("tokenization.md", Curated("tokenization", "Tokenization", """
            ## Subword tokens
            Language models read text as tokens rather than characters or whole words. Byte pair encoding starts from single bytes and repeatedly merges the most frequent adjacent pair into a new vocabulary entry. Rare words are split into several subword pieces.

            ## Why it matters
            The number of tokens determines the cost of a request and how much text fits in the context window.
            """, "[tokens, bpe, vocabulary]")),
    ];

    public static readonly (string File, string Content) PilotDocument = ("expense-policy.md", """
        # Acme expense approval with AI assistants

        Employees of Acme may use the internal assistant to draft expense reports. Every expense report above 500 euros still needs approval by a manager, and receipts must be attached before the reimbursement is paid.
        """);
}
