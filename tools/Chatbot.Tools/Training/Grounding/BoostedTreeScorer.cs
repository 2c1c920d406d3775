using Microsoft.ML;
using Microsoft.ML.Data;

namespace Chatbot.Tools.Training.Grounding;

/// <summary>Gradient-boosted trees (ML.NET FastTree) over claim features, for cross-validation against the logistic regression.</summary>
internal sealed class BoostedTreeScorer : IClaimScorer
{
    private readonly PredictionEngine<ClaimRow, ClaimPrediction> _engine;

    private BoostedTreeScorer(PredictionEngine<ClaimRow, ClaimPrediction> engine) => _engine = engine;

    /// <summary>Fits trees to the rows (feature vectors already restricted to one feature set).</summary>
    public static BoostedTreeScorer Fit(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, IReadOnlyList<double> weights, GroundingTrainingOptions options)
    {
        var width = rows[0].Length;
        var context = new MLContext(seed: options.Seed);
        var schema = SchemaDefinition.Create(typeof(ClaimRow));
        schema[nameof(ClaimRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        var data = context.Data.LoadFromEnumerable(
            rows.Select((r, i) => new ClaimRow { Features = [.. r.Select(v => (float)v)], Label = labels[i], Weight = (float)weights[i] }),
            schema);
        var trainer = context.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = options.Trees,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinExamplesPerLeaf,
            LearningRate = options.LearningRate,
            ExampleWeightColumnName = nameof(ClaimRow.Weight),
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        return new BoostedTreeScorer(context.Model.CreatePredictionEngine<ClaimRow, ClaimPrediction>(model, inputSchemaDefinition: schema));
    }

    public double Predict(double[] features, int[] indexes)
        => _engine.Predict(new ClaimRow { Features = [.. indexes.Select(j => (float)features[j])] }).Probability;

    private sealed class ClaimRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public float Weight { get; set; } = 1;
    }

    private sealed class ClaimPrediction
    {
        public float Probability { get; set; }
    }
}
