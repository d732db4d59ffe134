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
            predicted[r] = ArgMax(probabilities, r * classes, classes);
        }
        return predicted;
    }

    /// <summary>Fraction of rows predicted right (the arg-max of <see cref="Predictions"/>, without an array of them).</summary>
    public static double Accuracy(float[] probabilities, IReadOnlyList<long> labels)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) return double.NaN;
        int classes = probabilities.Length / labels.Count;
        int right = 0;
        for (int r = 0; r < labels.Count; r++) if (ArgMax(probabilities, r * classes, classes) == labels[r]) right++;
        return (double)right / labels.Count;
    }

    private static int ArgMax(float[] probabilities, int first, int classes)
    {
        int best = 0;
        for (int c = 1; c < classes; c++)
        {
            if (probabilities[first + c] > probabilities[first + best]) best = c;
        }
        return best;
    }
}
