namespace SuperFuse.Metrics;

/// <summary>A ROC curve: false- and true-positive rates at every distinct score threshold, from (0,0) to (1,1).</summary>
/// <param name="FalsePositiveRate">FPR at each threshold, ascending.</param>
/// <param name="TruePositiveRate">TPR at each threshold.</param>
/// <param name="Auc">Area under the curve (trapezoid), 0.5 for a random scorer.</param>
public sealed record RocCurve(double[] FalsePositiveRate, double[] TruePositiveRate, double Auc);

/// <summary>ROC and AUC of a score for the positive class.</summary>
public static class Roc
{
    /// <summary>
    /// The curve of <paramref name="scores"/> (higher = more positive) against <paramref name="positive"/>. Tied scores
    /// move the curve diagonally, so the AUC equals the Mann–Whitney probability with ties counted half.
    /// NaN AUC when one class is absent.
    /// </summary>
    public static RocCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        double[] sorted = scores.ToArray();
        int[] order = Enumerable.Range(0, sorted.Length).ToArray();
        Array.Sort(sorted, order);
        return Walk(sorted, order, positive);
    }

    // The curve from scores sorted ascending (with their rows), walked from the top; the order inside a tie does not
    // matter, as a tie is one step.
    private static RocCurve Walk(double[] sorted, int[] order, IReadOnlyList<bool> positive)
    {
        double p = positive.Count(x => x), n = positive.Count - p;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double tp = 0, fp = 0;
        for (int k = sorted.Length - 1; k >= 0; k--)
        {
            if (positive[order[k]]) tp++; else fp++;
            bool lastOfTie = k == 0 || sorted[k - 1] != sorted[k];
            if (!lastOfTie) continue;
            fpr.Add(n > 0 ? fp / n : double.NaN);
            tpr.Add(p > 0 ? tp / p : double.NaN);
        }
        double auc = p > 0 && n > 0 ? Trapezoid(fpr, tpr) : double.NaN;
        return new RocCurve(fpr.ToArray(), tpr.ToArray(), auc);
    }

    /// <summary>AUC of class <paramref name="positiveClass"/>'s probability from row-major probabilities (N, C).</summary>
    public static RocCurve FromProbabilities(float[] probabilities, IReadOnlyList<long> labels, int positiveClass = 1)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        int classes = probabilities.Length / Math.Max(1, labels.Count);
        var positive = labels.Select(y => y == positiveClass).ToArray();
        float Score(int r) => probabilities[(r * classes) + positiveClass];
        // Probabilities are ≥ 0, so their float bits sort like their values: one sort of (bits, row) packed in a long.
        var packed = new long[labels.Count];
        for (int r = 0; r < packed.Length; r++)
        {
            if (!(Score(r) >= 0)) return Compute(Enumerable.Range(0, packed.Length).Select(i => (double)Score(i)).ToArray(), positive);
            packed[r] = ((long)BitConverter.SingleToInt32Bits(Score(r) + 0f) << 32) | (uint)r;
        }
        Array.Sort(packed);
        var sorted = new double[packed.Length];
        var order = new int[packed.Length];
        for (int k = 0; k < packed.Length; k++)
        {
            sorted[k] = BitConverter.Int32BitsToSingle((int)(packed[k] >> 32));
            order[k] = (int)(packed[k] & 0xFFFFFFFF);
        }
        return Walk(sorted, order, positive);
    }

    private static double Trapezoid(List<double> x, List<double> y)
    {
        double area = 0;
        for (int k = 1; k < x.Count; k++) area += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2;
        return area;
    }
}
