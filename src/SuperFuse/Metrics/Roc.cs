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
        int[] order = Enumerable.Range(0, scores.Count).OrderByDescending(k => scores[k]).ToArray();
        double p = positive.Count(x => x), n = positive.Count - p;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        double tp = 0, fp = 0;
        for (int k = 0; k < order.Length; k++)
        {
            if (positive[order[k]]) tp++; else fp++;
            bool lastOfTie = k == order.Length - 1 || scores[order[k + 1]] != scores[order[k]];
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
        var scores = Enumerable.Range(0, labels.Count).Select(r => (double)probabilities[(r * classes) + positiveClass]).ToArray();
        return Compute(scores, labels.Select(y => y == positiveClass).ToArray());
    }

    private static double Trapezoid(List<double> x, List<double> y)
    {
        double area = 0;
        for (int k = 1; k < x.Count; k++) area += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2;
        return area;
    }
}
