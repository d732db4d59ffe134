using System.Buffers;

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
        var curve = new RocWalk.Curve();
        RocWalk.Run(new RocWalk.Sorted(sorted, order, positive), ref curve);
        return curve.Result();
    }

    /// <summary>The curve of class <paramref name="positiveClass"/>'s probability from row-major probabilities (N, C).</summary>
    public static RocCurve FromProbabilities(float[] probabilities, IReadOnlyList<long> labels, int positiveClass = 1)
    {
        var curve = new RocWalk.Curve();
        return WalkPacked(probabilities, labels, positiveClass, ref curve)
            ? curve.Result()
            : Compute(Scores(probabilities, labels, positiveClass), Positive(labels, positiveClass));
    }

    /// <summary>
    /// The AUC of <see cref="FromProbabilities"/>, to the bit, without building the curve: the noise sweep asks for it
    /// once per model, condition and level, and the curve's arrays would be that much garbage.
    /// </summary>
    public static double Auc(float[] probabilities, IReadOnlyList<long> labels, int positiveClass = 1)
    {
        var area = new RocWalk.Area();
        return WalkPacked(probabilities, labels, positiveClass, ref area) ? area.Result() : FromProbabilities(probabilities, labels, positiveClass).Auc;
    }

    // The walk over the scores packed and sorted in a pooled array; false (nothing walked) when a score cannot be packed.
    private static bool WalkPacked<TSink>(float[] probabilities, IReadOnlyList<long> labels, int positiveClass, ref TSink sink)
        where TSink : struct, RocWalk.ISink
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        var packed = ArrayPool<long>.Shared.Rent(labels.Count);
        try
        {
            if (!Pack(probabilities, labels, positiveClass, packed)) return false;
            RocWalk.Run(new RocWalk.Packed(packed.AsMemory(0, labels.Count), labels, positiveClass), ref sink);
            return true;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(packed);
        }
    }

    // Probabilities are ≥ 0, so their float bits sort like their values: one sort of (bits, row) packed in a long.
    // False when a score is not ≥ 0 (NaN), which the packing cannot order.
    private static bool Pack(float[] probabilities, IReadOnlyList<long> labels, int positiveClass, long[] packed)
    {
        int classes = probabilities.Length / Math.Max(1, labels.Count);
        for (int r = 0; r < labels.Count; r++)
        {
            float score = probabilities[(r * classes) + positiveClass];
            if (!(score >= 0)) return false;
            packed[r] = ((long)BitConverter.SingleToInt32Bits(score + 0f) << 32) | (uint)r;
        }
        Array.Sort(packed, 0, labels.Count);
        return true;
    }

    private static double[] Scores(float[] probabilities, IReadOnlyList<long> labels, int positiveClass)
    {
        int classes = probabilities.Length / Math.Max(1, labels.Count);
        return Enumerable.Range(0, labels.Count).Select(r => (double)probabilities[(r * classes) + positiveClass]).ToArray();
    }

    private static bool[] Positive(IReadOnlyList<long> labels, int positiveClass) => labels.Select(y => y == positiveClass).ToArray();
}
