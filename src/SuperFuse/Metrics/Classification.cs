namespace SuperFuse.Metrics;

/// <summary>Accuracy from row-major probabilities (N, C).</summary>
public static class Classification
{
    /// <summary>Arg-max of each row (ties pick the lower class).</summary>
    public static int[] Predictions(float[] probabilities, int classes)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        int n = probabilities.Length / classes;
        var predicted = new int[n];
        for (int r = 0; r < n; r++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (probabilities[(r * classes) + c] > probabilities[(r * classes) + best]) best = c;
            }
            predicted[r] = best;
        }
        return predicted;
    }

    /// <summary>Fraction of rows predicted right.</summary>
    public static double Accuracy(float[] probabilities, IReadOnlyList<long> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) return double.NaN;
        int classes = probabilities.Length / labels.Count;
        var predicted = Predictions(probabilities, classes);
        int right = 0;
        for (int r = 0; r < labels.Count; r++) if (predicted[r] == labels[r]) right++;
        return (double)right / labels.Count;
    }
}
