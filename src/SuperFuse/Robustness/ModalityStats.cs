namespace SuperFuse.Robustness;

/// <summary>Empirical mean and standard deviation of one modality, per dimension or as one scalar (protocol §4).</summary>
/// <param name="Mean">μ per dimension (a scalar is repeated over the dims).</param>
/// <param name="Std">σ per dimension (population std).</param>
public sealed record ModalityStats(double[] Mean, double[] Std)
{
    /// <summary>Statistics of <paramref name="rows"/> of a row-major matrix with <paramref name="dim"/> columns.</summary>
    public static ModalityStats Of(float[] matrix, int dim, IReadOnlyList<int> rows, bool perDimension)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(rows);
        var sum = new double[dim];
        var sumSq = new double[dim];
        foreach (int r in rows)
        {
            for (int j = 0; j < dim; j++)
            {
                double x = matrix[((long)r * dim) + j];
                sum[j] += x;
                sumSq[j] += x * x;
            }
        }
        if (!perDimension) return Scalar(sum.Sum() / ((double)rows.Count * dim), sumSq.Sum() / ((double)rows.Count * dim), dim);
        var mean = sum.Select(s => s / rows.Count).ToArray();
        var std = sumSq.Select((s, j) => Math.Sqrt(Math.Max(0, (s / rows.Count) - (mean[j] * mean[j])))).ToArray();
        return new ModalityStats(mean, std);
    }

    private static ModalityStats Scalar(double mean, double meanSq, int dim)
    {
        double std = Math.Sqrt(Math.Max(0, meanSq - (mean * mean)));
        return new ModalityStats(Enumerable.Repeat(mean, dim).ToArray(), Enumerable.Repeat(std, dim).ToArray());
    }
}
