namespace Chatbot.Tools.Training.Intents;

/// <summary>
/// L2-regularised multinomial logistic regression, fitted by full-batch gradient descent with Adam steps: a few
/// thousand standardised rows of a few hundred features, a dozen classes. Deterministic: the same rows give the same weights.
/// </summary>
public static class SoftmaxRegression
{
    /// <summary>Fits one weight row and bias per class to standardised <paramref name="rows"/> labelled with class indices.</summary>
    /// <param name="rows">Standardised feature rows.</param>
    /// <param name="labels">Each row's class, from 0 to <paramref name="classes"/> - 1.</param>
    /// <param name="classes">How many classes.</param>
    /// <param name="l2">The penalty on the squared weights (not the biases), per row.</param>
    /// <param name="iterations">Gradient steps.</param>
    public static (double[][] Weights, double[] Biases) Fit(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels, int classes, double l2, int iterations = 400)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (rows.Count == 0 || rows.Count != labels.Count)
        {
            throw new ArgumentException("Fitting needs rows, one label each.", nameof(rows));
        }

        const double Rate = 0.05;
        const double Beta1 = 0.9;
        const double Beta2 = 0.999;
        const double Epsilon = 1e-8;
        var n = rows.Count;
        var d = rows[0].Length;
        var width = d + 1; // bias last
        var theta = new double[classes * width];
        var m = new double[theta.Length];
        var v = new double[theta.Length];
        var gradient = new double[theta.Length];
        var probabilities = new double[classes];
        for (var step = 1; step <= iterations; step++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < n; i++)
            {
                Predict(theta, rows[i], classes, probabilities);
                var row = rows[i];
                for (var k = 0; k < classes; k++)
                {
                    var error = (probabilities[k] - (labels[i] == k ? 1 : 0)) / n;
                    if (error == 0)
                    {
                        continue;
                    }

                    var offset = k * width;
                    for (var j = 0; j < d; j++)
                    {
                        gradient[offset + j] += error * row[j];
                    }

                    gradient[offset + d] += error;
                }
            }

            for (var k = 0; k < classes; k++)
            {
                for (var j = 0; j < d; j++)
                {
                    gradient[(k * width) + j] += l2 * theta[(k * width) + j];
                }
            }

            var correction1 = 1 - Math.Pow(Beta1, step);
            var correction2 = 1 - Math.Pow(Beta2, step);
            for (var a = 0; a < theta.Length; a++)
            {
                m[a] = (Beta1 * m[a]) + ((1 - Beta1) * gradient[a]);
                v[a] = (Beta2 * v[a]) + ((1 - Beta2) * gradient[a] * gradient[a]);
                theta[a] -= Rate * (m[a] / correction1) / (Math.Sqrt(v[a] / correction2) + Epsilon);
            }
        }

        var weights = new double[classes][];
        var biases = new double[classes];
        for (var k = 0; k < classes; k++)
        {
            weights[k] = theta.AsSpan(k * width, d).ToArray();
            biases[k] = theta[(k * width) + d];
        }

        return (weights, biases);
    }

    /// <summary>The logits of a standardised row.</summary>
    public static double[] Logits(double[][] weights, double[] biases, double[] row)
    {
        var logits = new double[weights.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            var z = biases[k];
            var w = weights[k];
            for (var j = 0; j < row.Length; j++)
            {
                z += w[j] * row[j];
            }

            logits[k] = z;
        }

        return logits;
    }

    /// <summary>Softmax of <paramref name="logits"/> divided by <paramref name="temperature"/>.</summary>
    public static double[] Softmax(double[] logits, double temperature = 1)
    {
        var max = logits.Max();
        var exp = logits.Select(z => Math.Exp((z - max) / temperature)).ToArray();
        var sum = exp.Sum();
        return [.. exp.Select(e => e / sum)];
    }

    private static void Predict(double[] theta, double[] row, int classes, double[] probabilities)
    {
        var width = row.Length + 1;
        var max = double.MinValue;
        for (var k = 0; k < classes; k++)
        {
            var offset = k * width;
            var z = theta[offset + row.Length];
            for (var j = 0; j < row.Length; j++)
            {
                z += theta[offset + j] * row[j];
            }

            probabilities[k] = z;
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        for (var k = 0; k < classes; k++)
        {
            probabilities[k] = Math.Exp(probabilities[k] - max);
            sum += probabilities[k];
        }

        for (var k = 0; k < classes; k++)
        {
            probabilities[k] /= sum;
        }
    }
}
