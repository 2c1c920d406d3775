namespace Chatbot.Tools.Training.Grounding;

/// <summary>
/// Small labelled pairs written by hand to teach what RAGTruth QA rarely shows: paraphrases that
/// are supported, and claims that change one number, date, name or negation of their evidence.
/// Used in training folds only, never for validation or threshold tuning.
/// </summary>
internal static class HandmadeExamples
{
    public static IReadOnlyList<(string Claim, string Evidence, bool Hallucinated)> All { get; } =
    [
        ("Transformers were introduced in 2017.", "The transformer architecture was introduced by Vaswani et al. in 2017 in the paper Attention Is All You Need.", false),
        ("Transformers were introduced in 2015.", "The transformer architecture was introduced by Vaswani et al. in 2017 in the paper Attention Is All You Need.", true),
        ("The transformer was proposed by Google researchers.", "The transformer architecture was introduced by Vaswani et al. in 2017 in the paper Attention Is All You Need.", true),
        ("GPT-3 has 175 billion parameters.", "GPT-3, released by OpenAI in 2020, has 175 billion parameters.", false),
        ("GPT-3 has 17 billion parameters.", "GPT-3, released by OpenAI in 2020, has 175 billion parameters.", true),
        ("GPT-3 was released by Google in 2020.", "GPT-3, released by OpenAI in 2020, has 175 billion parameters.", true),
        ("RNNs process a sequence one step at a time.", "A recurrent neural network reads its input one element at a time, carrying a hidden state from step to step.", false),
        ("RNNs process the whole sequence in parallel.", "A recurrent neural network reads its input one element at a time, carrying a hidden state from step to step.", true),
        ("GANs train a generator against a discriminator.", "A generative adversarial network pits two networks against each other: a generator that produces samples and a discriminator that judges them.", false),
        ("GANs do not use a discriminator.", "A generative adversarial network pits two networks against each other: a generator that produces samples and a discriminator that judges them.", true),
        ("GANs were introduced by Ian Goodfellow in 2014.", "Generative adversarial networks were introduced by Ian Goodfellow and colleagues in 2014.", false),
        ("GANs were introduced by Yann LeCun in 2014.", "Generative adversarial networks were introduced by Ian Goodfellow and colleagues in 2014.", true),
        ("GANs were introduced by Ian Goodfellow in 2016.", "Generative adversarial networks were introduced by Ian Goodfellow and colleagues in 2014.", true),
        ("Large language models can produce false statements.", "Language models sometimes generate plausible but incorrect statements, known as hallucinations.", false),
        ("Large language models never produce false statements.", "Language models sometimes generate plausible but incorrect statements, known as hallucinations.", true),
        ("Diffusion models create images by gradually removing noise.", "Diffusion models generate an image by starting from random noise and denoising it step by step.", false),
        ("Diffusion models create images in a single step.", "Diffusion models generate an image by starting from random noise and denoising it step by step.", true),
        ("Keep the records for 3 years.", "Keep records for 3 years from the date you filed your original return.", false),
        ("Keep the records for 5 years.", "Keep records for 3 years from the date you filed your original return.", true),
        ("The Eiffel Tower is in Paris.", "The Eiffel Tower, completed in 1889, stands on the Champ de Mars in Paris, France.", false),
        ("The Eiffel Tower was completed in 1899.", "The Eiffel Tower, completed in 1889, stands on the Champ de Mars in Paris, France.", true),
        ("The Eiffel Tower is in Lyon.", "The Eiffel Tower, completed in 1889, stands on the Champ de Mars in Paris, France.", true),
        ("The model was trained on 300 billion tokens.", "Training used a corpus of about 300 billion tokens drawn from web pages, books and Wikipedia.", false),
        ("The model was trained only on books.", "Training used a corpus of about 300 billion tokens drawn from web pages, books and Wikipedia.", true),
        ("Attention lets each token look at every other token.", "Self-attention allows every position in the sequence to attend to all other positions.", false),
        ("Attention is computed with a recurrent loop.", "Self-attention allows every position in the sequence to attend to all other positions.", true),
        ("Water boils at 100 degrees Celsius at sea level.", "At sea level, water boils at 100 °C (212 °F).", false),
        ("Water boils at 90 degrees Celsius at sea level.", "At sea level, water boils at 100 °C (212 °F).", true),
        ("The medication is safe for children.", "The medication is not approved for children under 12.", true),
        ("Bake the bread for 30 minutes at 200 degrees.", "Bake the loaf at 200 degrees for about 30 minutes, until golden.", false),
        ("Bake the bread for 45 minutes at 200 degrees.", "Bake the loaf at 200 degrees for about 30 minutes, until golden.", true),
        ("The company is headquartered in Seattle.", "The company moved its headquarters from Albuquerque to Seattle in 1979.", false),
        ("The company was founded in Seattle in 1990.", "The company moved its headquarters from Albuquerque to Seattle in 1979.", true),
    ];
}
