// Trains the grounding model and evaluates it on RAGTruth.
//   dotnet run -c Release --project eng/Chatbot.Grounding.Training -- \
//       --data /work/shared/data/ragtruth/qa_train.jsonl [--model src/Chatbot.Grounding/Model/grounding-model.json]
//       [--candidates 3] [--budget 2] [--band 1.5] [--neighbours] [--no-handmade] [--no-override] [--override-numbers] [--gate] [--l2 1] [--min-precision 0.5]
//       [--sets lexical+facts,all] [--lexical-set lexical+facts] [--set all] [--repeats 3]
//       [--extra summary.jsonl,data2txt.jsonl] [--extra-weight 1] [--set-aside eval/ragtruth/set-aside.txt] [--score-set-aside] [--write-set-aside FILE] [--eval] [--out predictions.jsonl]
// --set-aside removes the listed questions before training and cross-validation; --score-set-aside then scores the
// model just trained on them, once (see eval/ragtruth/README.md). --write-set-aside writes the list chosen from --data.
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
    ResponseGate = args.Contains("--gate"),
    NumberConflictsOverride = args.Contains("--override-numbers"),
    L2 = double.Parse(Option("--l2") ?? "1", CultureInfo.InvariantCulture),
};
if (Option("--sets") is { } sets)
{
    foreach (var name in sets.Split(','))
    {
        options.FeatureSets[name] = GroundingTrainer.StandardFeatureSets[name];
    }
}

if (Option("--lexical-set") is { } lexicalSet)
{
    options.LexicalFeatureSet = lexicalSet;
}

options.MinPrecision = double.Parse(Option("--min-precision") ?? "0.5", CultureInfo.InvariantCulture);
options.DenseClaimBudget = int.Parse(Option("--budget") ?? "2", CultureInfo.InvariantCulture);
options.Repeats = int.Parse(Option("--repeats") ?? "1", CultureInfo.InvariantCulture);
options.DenseDoubtBand = Option("--band") is { } band ? double.Parse(band, CultureInfo.InvariantCulture) : double.PositiveInfinity;
if (Option("--set") is { } set)
{
    options.ModelFeatureSet = set;
}

var (records, problems) = await RagTruthReader.ReadAsync(data);
foreach (var problem in problems)
{
    Console.Error.WriteLine($"{data}:{problem.Line}: skipped: {problem.Message}");
}

if (Option("--write-set-aside") is { } listPath)
{
    var chosen = RagTruthSetAside.Choose(records.Select(r => r.Group));
    await File.WriteAllTextAsync(listPath, chosen.ToText(SetAsideHeader(chosen.SourceIds.Count, records.Select(r => r.Group).Distinct().Count())));
    Console.WriteLine($"wrote {listPath}: {chosen.SourceIds.Count} source ids");
    return;
}

var setAside = Option("--set-aside") is { } setAsidePath ? await RagTruthSetAside.ReadAsync(setAsidePath) : new RagTruthSetAside([]);
var (development, heldOut) = setAside.Split(records);
if (setAside.SourceIds.Count > 0)
{
    var expected = RagTruthSetAside.Choose(records.Select(r => r.Group));
    if (!expected.SourceIds.ToHashSet().SetEquals(setAside.SourceIds))
    {
        Console.Error.WriteLine("warning: the set-aside list is not the one chosen from this data's source ids");
    }

    Console.Error.WriteLine($"set aside {heldOut.Count} responses of {setAside.SourceIds.Count} questions; training on {development.Count}");
}

using var embedder = new MiniLmEmbeddingGenerator();
var progress = new Progress<string>(Console.Error.WriteLine);
GroundingModel? trained = null;
if (!args.Contains("--eval-only"))
{
    var trainer = new GroundingTrainer(embedder);
    var extra = new List<RagTruthRecord>();
    foreach (var extraPath in (Option("--extra") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
    {
        var (extraRecords, _) = await RagTruthReader.ReadAsync(extraPath);
        extra.AddRange(extraRecords.Where(r => !setAside.Contains(r)));
    }

    options.ExtraWeight = double.Parse(Option("--extra-weight") ?? "1", CultureInfo.InvariantCulture);
    var result = await trainer.TrainAsync(development, extra, options, progress);
    trained = result.Model;
    Console.WriteLine(result.ToReport());
    if (modelPath is not null)
    {
        await File.WriteAllTextAsync(modelPath, result.Model.ToJson() + "\n");
        Console.WriteLine($"wrote {modelPath}");
    }
}

if (args.Contains("--score-set-aside"))
{
    if (trained is null || heldOut.Count == 0)
    {
        Console.Error.WriteLine("--score-set-aside needs training and a non-empty --set-aside");
        return;
    }

    var setAsideChecker = new GroundingChecker(embedder, GroundingModel.FromJson(trained.ToJson()));
    await setAsideChecker.CheckAsync("Warm up.", [new GroundingSource(1, "Warm up the model.")]);
    var scored = await new RagTruthEvaluator(setAsideChecker).EvaluateAsync(heldOut, []);
    Console.WriteLine("set-aside fifth (first and only run for this model):");
    Console.WriteLine(scored.ToReport());
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

static string SetAsideHeader(int count, int of) =>
    $"""
    RAGTruth QA questions set aside: {count} of {of} source ids (a fifth, rounded up), with every model's answer to each.
    Chosen from qa_train.jsonl's source ids alone: ordered by the lowercase hex SHA-256 of the id's UTF-8 text,
    the first fifth taken (RagTruthSetAside.Choose; regenerate with the training tool's --write-set-aside).
    Training, cross-validation and threshold tuning never read these answers; nobody reads them or their scores
    until a piece of work is finished, when the final candidate (and the baseline it replaces) is scored once.
    """;

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
