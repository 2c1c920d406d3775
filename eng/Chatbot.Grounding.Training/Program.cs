// Trains the grounding model and evaluates it on RAGTruth.
//   dotnet run -c Release --project eng/Chatbot.Grounding.Training -- \
//       --data /work/shared/data/ragtruth/qa_train.jsonl [--model src/Chatbot.Grounding/Model/grounding-model.json]
//       [--candidates 3] [--budget 2] [--band 1.5] [--neighbours] [--no-handmade] [--no-override] [--l2 1] [--eval] [--out predictions.jsonl]
using System.Globalization;
using Chatbot.Grounding;
using Chatbot.Grounding.Model;
using Chatbot.Grounding.Training.Tool;
using Chatbot.Knowledge.Embeddings;
using Chatbot.Tools.Evaluation.Grounding;
using Chatbot.Tools.Training.Grounding;

var data = Option("--data") ?? "/work/shared/data/ragtruth/qa_train.jsonl";
var modelPath = Option("--model");
var options = new GroundingTrainingOptions
{
    DenseCandidates = int.Parse(Option("--candidates") ?? "3", CultureInfo.InvariantCulture),
    DenseNeighbours = args.Contains("--neighbours"),
    HandmadeWeight = args.Contains("--no-handmade") ? 0 : 1,
    ConflictsOverride = !args.Contains("--no-override"),
    L2 = double.Parse(Option("--l2") ?? "1", CultureInfo.InvariantCulture),
};
options.DenseClaimBudget = int.Parse(Option("--budget") ?? "2", CultureInfo.InvariantCulture);
options.Repeats = int.Parse(Option("--repeats") ?? "1", CultureInfo.InvariantCulture);
options.DenseDoubtBand = Option("--band") is { } band ? double.Parse(band, CultureInfo.InvariantCulture) : double.PositiveInfinity;
if (Option("--set") is { } set)
{
    options.ModelFeatureSet = set;
}

using var embedder = new MiniLmEmbeddingGenerator();
var progress = new Progress<string>(Console.Error.WriteLine);
if (!args.Contains("--eval-only"))
{
    var trainer = new GroundingTrainer(embedder);
    var result = await trainer.TrainFromFileAsync(data, modelPath, options, progress);
    Console.WriteLine(result.ToReport());
    if (modelPath is not null)
    {
        Console.WriteLine($"wrote {modelPath}");
    }
}

if (args.Contains("--eval") || args.Contains("--eval-only"))
{
    // In-sample (the model saw these records): for timing and a sanity check, not for the reported F1.
    var model = modelPath is not null ? GroundingModel.FromJson(await File.ReadAllTextAsync(modelPath)) : GroundingModel.LoadDefault();
    var counting = new CountingEmbedder(embedder);
    var checker = new GroundingChecker(args.Contains("--warm") ? new BoundedCachingEmbeddingGenerator(counting, 4096) : counting, model);
    await checker.CheckAsync("Warm up.", [new GroundingSource(1, "Warm up the model.")]);
    var evaluation = await new RagTruthEvaluator(checker).EvaluateAsync(data);
    Console.WriteLine(evaluation.ToJson());
    Console.WriteLine($"embedding: {counting.Calls} calls, {counting.Texts} texts, {counting.Milliseconds / evaluation.Responses:F1} ms/response");
    if (Option("--out") is { } outPath)
    {
        await RagTruthEvaluator.WritePredictionsAsync(evaluation, outPath);
    }
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
