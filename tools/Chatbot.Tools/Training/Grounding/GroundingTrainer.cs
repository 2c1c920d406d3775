using Chatbot.Knowledge.Embeddings;
using System.Diagnostics;
using System.Globalization;
using Chatbot.Grounding;
using Chatbot.Grounding.Features;
using Chatbot.Grounding.Model;
using Chatbot.Tools.Evaluation.Grounding;
using Microsoft.Extensions.AI;

namespace Chatbot.Tools.Training.Grounding;

/// <summary>
/// Learns how to combine the grounding features from RAGTruth QA records (plus a few hand-made
/// pairs), cross-validates with folds grouped by source id (several models answer each question, so
/// no question is ever on both sides), tunes the flagging threshold inside the training folds only
/// (the best response-level F1 among thresholds whose precision reaches <see cref="GroundingTrainingOptions.MinPrecision"/>),
/// reports scores per generating model and the spread of the fold thresholds, and produces the
/// <see cref="GroundingModel"/> that ships as a resource. Records of the set-aside fifth
/// (<see cref="RagTruthSetAside"/>) must be removed by the caller before they reach it.
/// </summary>
public sealed class GroundingTrainer
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;

    /// <summary>Creates a trainer that embeds with <paramref name="embedder"/> (the same generator the checker will use).</summary>
    public GroundingTrainer(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        _embedder = embedder;
    }

    /// <summary>The feature sets cross-validated when the options name none.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StandardFeatureSets { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["lexical"] = ["lex_best", "lex_window", "lex_global", "idf_global", "bigram_window", "bigram_global", "novel_words", "claim_length"],
        ["lexical+facts"] = ["lex_best", "lex_window", "lex_global", "idf_global", "bigram_window", "bigram_global", "novel_words", "claim_length",
            "has_numbers", "number_missing", "name_missing", "number_conflict", "negation_conflict", "name_conflict"],
        ["dense"] = ["dense_max", "dense_window", "dense_margin", "claim_length"],
        ["dense+lexical"] = ["dense_max", "dense_window", "dense_margin", "lex_best", "lex_window", "lex_global", "idf_global", "bigram_window",
            "bigram_global", "novel_words", "claim_length", "dense_x_lex"],
        ["all-but-cue"] = [.. FeatureExtractor.Names.Where(n => n != "generic_cue")],
        ["all"] = [.. FeatureExtractor.Names],
    };

    /// <summary>
    /// The CLI entry: reads a RAGTruth JSONL file, trains and cross-validates, and writes the model
    /// JSON to <paramref name="modelPath"/> when given (src/Chatbot.Grounding/Model/grounding-model.json to update the shipped one).
    /// </summary>
    public async Task<GroundingTrainingResult> TrainFromFileAsync(
        string dataPath,
        string? modelPath,
        GroundingTrainingOptions? options = null,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        var (records, problems) = await RagTruthReader.ReadAsync(dataPath, cancellationToken).ConfigureAwait(false);
        foreach (var problem in problems)
        {
            progress?.Report($"skipped line {problem.Line}: {problem.Message}");
        }

        var result = await TrainAsync(records, options ?? new GroundingTrainingOptions(), progress, cancellationToken).ConfigureAwait(false);
        if (modelPath is not null)
        {
            await File.WriteAllTextAsync(modelPath, result.Model.ToJson() + "\n", cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Trains on <paramref name="records"/> and reports cross-validated scores for every feature set.</summary>
    public Task<GroundingTrainingResult> TrainAsync(
        IReadOnlyList<RagTruthRecord> records,
        GroundingTrainingOptions options,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
        => TrainAsync(records, [], options, progress, cancellationToken);

    /// <summary>
    /// Trains on <paramref name="records"/> and reports cross-validated scores for every feature set;
    /// the claims of <paramref name="extraTraining"/> (other RAGTruth tasks) join every training part, weighted by
    /// <see cref="GroundingTrainingOptions.ExtraWeight"/>, but are never validated on nor used to tune a threshold.
    /// </summary>
    public async Task<GroundingTrainingResult> TrainAsync(
        IReadOnlyList<RagTruthRecord> records,
        IReadOnlyList<RagTruthRecord> extraTraining,
        GroundingTrainingOptions options,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extraTraining);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        if (records.Count == 0)
        {
            throw new ArgumentException("No records to train on.", nameof(records));
        }

        var featureSets = options.FeatureSets.Count > 0
            ? options.FeatureSets.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : StandardFeatureSets.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!featureSets.ContainsKey(options.ModelFeatureSet))
        {
            throw new ArgumentException($"The model feature set '{options.ModelFeatureSet}' is not among the feature sets.", nameof(options));
        }

        // Passages repeat across the answers to one question: a large cache keeps training affordable.
        var analyzer = new GroundingAnalyzer(new BoundedCachingEmbeddingGenerator(_embedder, 200_000), options.DenseCandidates, options.DenseNeighbours);
        var watch = Stopwatch.StartNew();
        var responses = new List<TrainingResponse>(records.Count);
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var claims = await analyzer.AnalyzeAsync(record.Response, record.Sources(), [], cancellationToken).ConfigureAwait(false);
            responses.Add(TrainingResponse.From(record, claims));
            if (responses.Count % 50 == 0)
            {
                progress?.Report($"analysed {responses.Count}/{records.Count} responses");
            }
        }

        var msPerResponse = watch.Elapsed.TotalMilliseconds / records.Count;
        var trainingOnlyClaims = new List<TrainingClaim>();
        if (options.HandmadeWeight > 0)
        {
            foreach (var (claim, evidence, hallucinated) in HandmadeExamples.All)
            {
                var analysed = await analyzer.AnalyzeAsync(claim, [new GroundingSource(1, evidence)], [], cancellationToken).ConfigureAwait(false);
                trainingOnlyClaims.AddRange(analysed.Where(c => c.IsClaim && c.All is not null)
                    .Select(c => new TrainingClaim(c.All!.Values, hallucinated, c.All.Conflict, options.HandmadeWeight)));
            }
        }

        if (options.ExtraWeight > 0)
        {
            foreach (var record in extraTraining)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var claims = await analyzer.AnalyzeAsync(record.Response, record.Sources(), [], cancellationToken).ConfigureAwait(false);
                trainingOnlyClaims.AddRange(TrainingResponse.From(record, claims).Claims.Select(c => c with { Weight = options.ExtraWeight }));
            }

            progress?.Report($"{extraTraining.Count} extra training responses analysed");
        }

        var scores = new List<FeatureSetScore>();
        var outOfFold = new Dictionary<string, List<ResponseScores>>(StringComparer.Ordinal);
        var stages = new Dictionary<string, List<Stage>>(StringComparer.Ordinal);
        var indexes = featureSets.ToDictionary(p => p.Key, p => Indexes(p.Value), StringComparer.Ordinal);
        var questions = responses.Select(r => r.Group).Distinct(StringComparer.Ordinal).Count();
        var cascadeCounts = (Responses: default(BinaryCounts), Sentences: default(BinaryCounts));
        var lexicalSet = options.LexicalFeatureSet is { } l && featureSets.ContainsKey(l) ? l : null;
        foreach (var (name, features) in featureSets)
        {
            var responseCounts = default(BinaryCounts);
            var sentenceCounts = default(BinaryCounts);
            var thresholds = new List<double>();
            var byModel = new Dictionary<string, BinaryCounts>(StringComparer.Ordinal);
            outOfFold[name] = [];
            stages[name] = [];
            for (var repeat = 0; repeat < Math.Max(1, options.Repeats); repeat++)
            {
                var folds = AssignFolds(responses.Select(r => r.Group), options.Folds, options.Seed + (1000 * repeat));
                for (var fold = 0; fold <= folds.Values.Max(); fold++)
                {
                    var train = responses.Where(r => folds[r.Group] != fold).ToList();
                    var stage = TrainStage(indexes[name], train, trainingOnlyClaims, options, options.Seed + (1000 * repeat) + fold + 1);
                    stages[name].Add(stage);
                    thresholds.Add(stage.Threshold);
                    foreach (var response in responses.Where(r => folds[r.Group] == fold))
                    {
                        var scored = Score(stage.Fit, indexes[name], response);
                        if (repeat == 0)
                        {
                            outOfFold[name].Add(scored);
                        }

                        var flags = stage.Gate is { } gate
                            ? GatedFlags(gate, scored, stage.Threshold, options)
                            : scored.Probabilities.Select((p, i) => IsFlagged(p, response.Claims[i].Conflict, stage.Threshold, options)).ToArray();
                        (responseCounts, sentenceCounts) = Count(response, flags, responseCounts, sentenceCounts);
                        byModel[response.Generator] = byModel.GetValueOrDefault(response.Generator).Add(response.Hallucinated, flags.Any(f => f));
                    }
                }
            }

            var score = new FeatureSetScore(name, features, responseCounts, sentenceCounts, thresholds)
            {
                ByModel = byModel,
                GateThresholds = [.. stages[name].Where(s => s.Gate is not null).Select(s => s.Gate!.Threshold)],
            };
            scores.Add(score);
            progress?.Report(score.ToDetailedReport());
        }

        if (lexicalSet is not null && options.DenseClaimBudget >= 0 && lexicalSet != options.ModelFeatureSet)
        {
            // The shipped pipeline: the lexical stage scores every claim, the full model only the budgeted doubtful ones.
            var k = 0;
            var byModel = new Dictionary<string, BinaryCounts>(StringComparer.Ordinal);
            for (var repeat = 0; repeat < Math.Max(1, options.Repeats); repeat++)
            {
                var folds = AssignFolds(responses.Select(r => r.Group), options.Folds, options.Seed + (1000 * repeat));
                for (var fold = 0; fold <= folds.Values.Max(); fold++, k++)
                {
                    var lexical = stages[lexicalSet][k];
                    var full = stages[options.ModelFeatureSet][k];
                    foreach (var response in responses.Where(r => folds[r.Group] == fold))
                    {
                        var flags = Cascade(response, lexical, indexes[lexicalSet], full, indexes[options.ModelFeatureSet], options);
                        cascadeCounts = Count(response, flags, cascadeCounts.Responses, cascadeCounts.Sentences);
                        byModel[response.Generator] = byModel.GetValueOrDefault(response.Generator).Add(response.Hallucinated, flags.Any(f => f));
                    }
                }
            }

            var cascade = new FeatureSetScore($"cascade(budget {options.DenseClaimBudget}{(double.IsPositiveInfinity(options.DenseDoubtBand) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", band {options.DenseDoubtBand}"))})", featureSets[options.ModelFeatureSet], cascadeCounts.Responses, cascadeCounts.Sentences, []) { ByModel = byModel };
            scores.Add(cascade);
            progress?.Report(cascade.ToDetailedReport());
        }

        var primary = scores.Last();
        var provenance = string.Create(
            CultureInfo.InvariantCulture,
            $"Logistic regression on {records.Count} RAGTruth QA responses ({questions} questions, {options.Folds}-fold cross-validation grouped by source id, threshold: best F1 at precision >= {options.MinPrecision:F2}{(options.ResponseGate ? ", answer-level gate" : string.Empty)}, x{Math.Max(1, options.Repeats)}) and {trainingOnlyClaims.Count} hand-made or extra-task claims; " +
            $"cross-validated {primary.Name}: response P {primary.Responses.Precision:F3} R {primary.Responses.Recall:F3} F1 {primary.Responses.F1:F3}, " +
            $"sentence P {primary.Sentences.Precision:F3} R {primary.Sentences.Recall:F3} F1 {primary.Sentences.F1:F3}.");
        var model = BuildModel(options.ModelFeatureSet, featureSets, indexes, responses, trainingOnlyClaims, outOfFold, options);
        GroundingModel? lexicalStage = null;
        if (lexicalSet is not null && options.DenseClaimBudget >= 0 && lexicalSet != options.ModelFeatureSet)
        {
            lexicalStage = BuildModel(lexicalSet, featureSets, indexes, responses, trainingOnlyClaims, outOfFold, options);
        }

        var shipped = new GroundingModel(model.Features, model.Means, model.Scales, model.Weights, model.Bias, model.Threshold)
        {
            DenseCandidates = options.DenseCandidates,
            DenseNeighbours = options.DenseNeighbours,
            ConflictsOverride = options.ConflictsOverride,
            NumberConflictsOverride = options.NumberConflictsOverride,
            LexicalStage = lexicalStage,
            DenseClaimBudget = lexicalStage is null ? -1 : options.DenseClaimBudget,
            DenseDoubtBand = options.DenseDoubtBand,
            Gate = model.Gate,
            Provenance = provenance,
        };
        return new GroundingTrainingResult(shipped, scores, records.Count, questions, msPerResponse);
    }

    private static int[] Indexes(IReadOnlyList<string> features)
        => features.Select(f => GroundingModel.IndexOf(f) is var i and >= 0 ? i : throw new ArgumentException($"Unknown feature '{f}'.", nameof(features))).ToArray();

    private static GroundingModel BuildModel(
        string name,
        Dictionary<string, IReadOnlyList<string>> featureSets,
        Dictionary<string, int[]> indexes,
        List<TrainingResponse> responses,
        List<TrainingClaim> trainingOnlyClaims,
        Dictionary<string, List<ResponseScores>> outOfFold,
        GroundingTrainingOptions options)
    {
        var fit = Fit(indexes[name], responses, trainingOnlyClaims, options.L2);
        var threshold = TuneThreshold(outOfFold[name], options);
        return new GroundingModel(featureSets[name], fit.Means, fit.Scales, fit.Weights, fit.Bias, threshold)
        {
            Gate = options.ResponseGate ? FitGate(outOfFold[name], threshold, options) : null,
            DenseCandidates = options.DenseCandidates,
            DenseNeighbours = options.DenseNeighbours,
            ConflictsOverride = options.ConflictsOverride,
            NumberConflictsOverride = options.NumberConflictsOverride,
        };
    }

    private static Stage TrainStage(int[] indexes, List<TrainingResponse> train, List<TrainingClaim> trainingOnlyClaims, GroundingTrainingOptions options, int seed)
    {
        // The threshold comes from out-of-fold predictions inside the training part only.
        var innerFolds = AssignFolds(train.Select(r => r.Group), Math.Max(2, options.Folds - 1), seed);
        var innerScores = new List<ResponseScores>();
        for (var inner = 0; inner <= innerFolds.Values.Max(); inner++)
        {
            var innerFit = Fit(indexes, train.Where(r => innerFolds[r.Group] != inner).ToList(), trainingOnlyClaims, options.L2);
            innerScores.AddRange(train.Where(r => innerFolds[r.Group] == inner).Select(r => Score(innerFit, indexes, r)));
        }

        var threshold = TuneThreshold(innerScores, options);
        var gate = options.ResponseGate ? FitGate(innerScores, threshold, options) : null;
        return new Stage(Fit(indexes, train, trainingOnlyClaims, options.L2), threshold) { Gate = gate };
    }

    /// <summary>
    /// The answer-level gate fitted on out-of-fold claim scores (so it learns how the claim model errs on answers it did
    /// not see), its threshold tuned on the same answers.
    /// </summary>
    private static ResponseGate FitGate(List<ResponseScores> scored, double claimThreshold, GroundingTrainingOptions options)
    {
        var rows = scored.Select(r => DescribeResponse(r, claimThreshold)).ToList();
        var (means, scales, standardised) = Standardization.Of(rows, ResponseGate.FeatureNames.Count);
        var labels = scored.Select(r => r.Response.Hallucinated).ToList();
        var (weights, bias) = LogisticRegression.Fit(standardised, labels, labels.Select(_ => 1.0).ToList(), options.L2);
        var provisional = new ResponseGate(means, scales, weights, bias, 0.5);
        var probabilities = rows.Select(provisional.Predict).ToArray();
        var threshold = TuneBinaryThreshold(probabilities, labels, options.MinPrecision);
        return new ResponseGate(means, scales, weights, bias, threshold);
    }

    private static double[] DescribeResponse(ResponseScores scored, double claimThreshold)
        => ResponseGate.Describe(
            scored.Probabilities.Select(p => Logit(p) - Logit(claimThreshold)).ToArray(),
            scored.Response.Claims.Select(c => (IReadOnlyList<double>)c.Features).ToArray());

    /// <summary>
    /// Sentence flags under a gate: none when the gate passes the answer; otherwise the claims over the claim threshold,
    /// and at least the worst claim, so that a flagged answer always shows where.
    /// </summary>
    private static bool[] GatedFlags(ResponseGate gate, ResponseScores scored, double claimThreshold, GroundingTrainingOptions options)
    {
        var flags = scored.Response.Claims.Select(c => options.Overrides(c.Conflict)).ToArray();
        if (flags.Length == 0 || gate.Predict(DescribeResponse(scored, claimThreshold)) < gate.Threshold)
        {
            return flags;
        }

        var worst = 0;
        for (var i = 0; i < flags.Length; i++)
        {
            flags[i] |= scored.Probabilities[i] >= claimThreshold;
            worst = scored.Probabilities[i] > scored.Probabilities[worst] ? i : worst;
        }

        flags[worst] = true;
        return flags;
    }

    /// <summary>The threshold with the best F1 among those reaching <paramref name="minPrecision"/> (else the best F1), the middle of its plateau.</summary>
    private static double TuneBinaryThreshold(double[] probabilities, List<bool> labels, double minPrecision)
    {
        var candidates = new List<(double Threshold, BinaryCounts Counts)>();
        for (var step = 2; step <= 98; step++)
        {
            var threshold = step / 100.0;
            var counts = default(BinaryCounts);
            for (var i = 0; i < probabilities.Length; i++)
            {
                counts = counts.Add(labels[i], probabilities[i] >= threshold);
            }

            candidates.Add((threshold, counts));
        }

        var eligible = candidates.Where(c => c.Counts.Precision >= minPrecision).ToList();
        if (eligible.Count == 0)
        {
            eligible = candidates;
        }

        var bestF1 = eligible.Max(c => c.Counts.F1);
        var best = eligible.Where(c => Math.Abs(c.Counts.F1 - bestF1) <= 1e-9).Select(c => c.Threshold).ToList();
        return best[best.Count / 2];
    }

    private sealed record Stage(FittedModel Fit, double Threshold)
    {
        public ResponseGate? Gate { get; init; }
    }

    private static bool[] Cascade(
        TrainingResponse response,
        Stage lexical,
        int[] lexicalIndexes,
        Stage full,
        int[] fullIndexes,
        GroundingTrainingOptions options)
    {
        var pivot = Logit(lexical.Threshold);
        var lexicalP = response.Claims.Select(c => lexical.Fit.Predict(c.Features, lexicalIndexes)).ToArray();
        var dense = Enumerable.Range(0, response.Claims.Count)
            .Where(i => Math.Abs(Logit(lexicalP[i]) - pivot) <= options.DenseDoubtBand)
            .OrderBy(i => Math.Abs(Logit(lexicalP[i]) - pivot))
            .ThenBy(i => i)
            .Take(options.DenseClaimBudget)
            .ToHashSet();

        // Each claim's logit centred on the threshold of the stage that scored it, as the checker's sentence score carries it.
        var centred = Enumerable.Range(0, response.Claims.Count)
            .Select(i => dense.Contains(i)
                ? Logit(full.Fit.Predict(response.Claims[i].Features, fullIndexes)) - Logit(full.Threshold)
                : Logit(lexicalP[i]) - pivot)
            .ToArray();
        if (full.Gate is { } gate)
        {
            var flags = response.Claims.Select(c => options.Overrides(c.Conflict)).ToArray();
            var features = response.Claims.Select(c => (IReadOnlyList<double>)c.Features).ToArray();
            if (flags.Length == 0 || gate.Predict(ResponseGate.Describe(centred, features)) < gate.Threshold)
            {
                return flags;
            }

            var worst = 0;
            for (var i = 0; i < flags.Length; i++)
            {
                flags[i] |= centred[i] >= 0;
                worst = centred[i] > centred[worst] ? i : worst;
            }

            flags[worst] = true;
            return flags;
        }

        return Enumerable.Range(0, response.Claims.Count)
            .Select(i => centred[i] >= 0 || options.Overrides(response.Claims[i].Conflict))
            .ToArray();
    }

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-9, 1 - 1e-9);
        return Math.Log(q / (1 - q));
    }

    private static (BinaryCounts Responses, BinaryCounts Sentences) Count(TrainingResponse response, bool[] flags, BinaryCounts responses, BinaryCounts sentences)
    {
        for (var i = 0; i < response.Claims.Count; i++)
        {
            sentences = sentences.Add(response.Claims[i].Hallucinated, flags[i]);
        }

        foreach (var label in response.NonClaimLabels)
        {
            sentences = sentences.Add(label, false);
        }

        return (responses.Add(response.Hallucinated, flags.Any(f => f)), sentences);
    }

    private static bool IsFlagged(double probability, ConflictKind conflict, double threshold, GroundingTrainingOptions options)
        => probability >= threshold || options.Overrides(conflict);

    /// <summary>
    /// The threshold with the best response-level F1 among those whose precision reaches the options' minimum
    /// (a false flag on a correct answer costs the product more than a miss); when none does, the best F1 overall.
    /// </summary>
    private static double TuneThreshold(List<ResponseScores> scored, GroundingTrainingOptions options)
    {
        var candidates = new List<(double Threshold, BinaryCounts Counts)>();
        for (var step = 5; step <= 95; step++)
        {
            var threshold = step / 100.0;
            var counts = default(BinaryCounts);
            foreach (var response in scored)
            {
                var flagged = false;
                for (var i = 0; i < response.Probabilities.Length && !flagged; i++)
                {
                    flagged = IsFlagged(response.Probabilities[i], response.Response.Claims[i].Conflict, threshold, options);
                }

                counts = counts.Add(response.Response.Hallucinated, flagged);
            }

            candidates.Add((threshold, counts));
        }

        var eligible = candidates.Where(c => c.Counts.Precision >= options.MinPrecision).ToList();
        if (eligible.Count == 0)
        {
            eligible = candidates;
        }

        var bestF1 = -1.0;
        var best = new List<double>();
        foreach (var (threshold, counts) in eligible)
        {
            if (counts.F1 > bestF1 + 1e-9)
            {
                bestF1 = counts.F1;
                best.Clear();
            }

            if (Math.Abs(counts.F1 - bestF1) <= 1e-9)
            {
                best.Add(threshold);
            }
        }

        // The middle of the best plateau is the least fragile choice.
        return best[best.Count / 2];
    }

    private static ResponseScores Score(FittedModel fit, int[] indexes, TrainingResponse response)
        => new(response, response.Claims.Select(c => fit.Predict(c.Features, indexes)).ToArray());

    private static FittedModel Fit(int[] indexes, List<TrainingResponse> responses, List<TrainingClaim> trainingOnlyClaims, double l2)
    {
        var claims = responses.SelectMany(r => r.Claims).Concat(trainingOnlyClaims).ToList();
        var (means, scales, rows) = Standardization.Of(claims.Select(c => indexes.Select(j => c.Features[j]).ToArray()).ToList(), indexes.Length);
        var (weights, bias) = LogisticRegression.Fit(rows, claims.Select(c => c.Hallucinated).ToList(), claims.Select(c => c.Weight).ToList(), l2);
        return new FittedModel(means, scales, weights, bias);
    }

    private static Dictionary<string, int> AssignFolds(IEnumerable<string> groups, int folds, int seed)
    {
        var distinct = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(distinct);
        var count = Math.Min(folds, distinct.Length);
        return distinct.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i % count, StringComparer.Ordinal);
    }

    private sealed record TrainingClaim(double[] Features, bool Hallucinated, ConflictKind Conflict, double Weight);

    private sealed record ResponseScores(TrainingResponse Response, double[] Probabilities);

    private sealed record FittedModel(double[] Means, double[] Scales, double[] Weights, double Bias)
    {
        public double Predict(double[] features, int[] indexes)
        {
            var z = Bias;
            for (var j = 0; j < indexes.Length; j++)
            {
                z += Weights[j] * ((features[indexes[j]] - Means[j]) / Scales[j]);
            }

            return Logistic.Sigmoid(z);
        }
    }

    private sealed record TrainingResponse(string Group, string Generator, bool Hallucinated, List<TrainingClaim> Claims, List<bool> NonClaimLabels)
    {
        public static TrainingResponse From(RagTruthRecord record, IReadOnlyList<ClaimAnalysis> analysed)
        {
            var claims = new List<TrainingClaim>();
            var nonClaims = new List<bool>();
            foreach (var claim in analysed)
            {
                var label = record.IsHallucinated(claim.Sentence.Start, claim.Sentence.End);
                if (claim.IsClaim && claim.All is not null)
                {
                    claims.Add(new TrainingClaim(claim.All.Values, label, claim.All.Conflict, 1));
                }
                else
                {
                    nonClaims.Add(label);
                }
            }

            return new TrainingResponse(record.Group, record.Generator, record.Hallucinated, claims, nonClaims);
        }
    }
}
