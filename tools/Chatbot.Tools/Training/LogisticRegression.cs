using Chatbot.Grounding.Model;

namespace Chatbot.Tools.Training;

/// <summary>L2-regularised logistic regression fitted by Newton's method (a few hundred rows, a few dozen features).</summary>
public static class LogisticRegression
{
    /// <summary>Fits weights and bias to standardised rows <paramref name="x"/> with labels <paramref name="y"/>.</summary>
    public static (double[] Weights, double Bias) Fit(IReadOnlyList<double[]> x, IReadOnlyList<bool> y, IReadOnlyList<double> sampleWeights, double l2, int iterations = 30)
    {
        var d = x.Count == 0 ? 0 : x[0].Length;
        var theta = new double[d + 1]; // [bias, weights...]
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[d + 1];
            var hessian = new double[d + 1, d + 1];
            for (var i = 0; i < x.Count; i++)
            {
                var row = x[i];
                var z = theta[0];
                for (var j = 0; j < d; j++)
                {
                    z += theta[j + 1] * row[j];
                }

                var p = Logistic.Sigmoid(z);
                var s = sampleWeights[i];
                var error = s * (p - (y[i] ? 1 : 0));
                var curvature = s * Math.Max(p * (1 - p), 1e-9);
                for (var a = 0; a <= d; a++)
                {
                    var xa = a == 0 ? 1 : row[a - 1];
                    gradient[a] += error * xa;
                    for (var b = a; b <= d; b++)
                    {
                        hessian[a, b] += curvature * xa * (b == 0 ? 1 : row[b - 1]);
                    }
                }
            }

            for (var a = 0; a <= d; a++)
            {
                for (var b = 0; b < a; b++)
                {
                    hessian[a, b] = hessian[b, a];
                }

                var penalty = a == 0 ? 1e-6 : l2;
                hessian[a, a] += penalty;
                gradient[a] += a == 0 ? 0 : l2 * theta[a];
            }

            var step = Solve(hessian, gradient);
            var change = 0.0;
            for (var a = 0; a <= d; a++)
            {
                theta[a] -= step[a];
                change = Math.Max(change, Math.Abs(step[a]));
            }

            if (change < 1e-7)
            {
                break;
            }
        }

        return (theta[1..], theta[0]);
    }

    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (pivot != column)
            {
                for (var k = 0; k < n; k++)
                {
                    (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
                }

                (b[column], b[pivot]) = (b[pivot], b[column]);
            }

            var diagonal = a[column, column];
            if (Math.Abs(diagonal) < 1e-12)
            {
                continue;
            }

            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row, column] / diagonal;
                if (factor == 0)
                {
                    continue;
                }

                for (var k = column; k < n; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }

                b[row] -= factor * b[column];
            }
        }

        var result = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[row, k] * result[k];
            }

            result[row] = Math.Abs(a[row, row]) < 1e-12 ? 0 : sum / a[row, row];
        }

        return result;
    }
}
