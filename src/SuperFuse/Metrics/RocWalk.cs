namespace SuperFuse.Metrics;

/// <summary>
/// The walk down scores sorted ascending, from the top, that makes a ROC curve: one point at the end of each run of
/// tied scores (the order inside a tie does not matter, as a tie is one step). Generic over where the sorted scores
/// live and over what is kept of the points, so the AUC alone costs no arrays and equals the curve's to the bit.
/// </summary>
internal static class RocWalk
{
    /// <summary>Scores sorted ascending, with each one's class.</summary>
    public interface IScores
    {
        int Count { get; }

        bool IsPositive(int k);

        /// <summary>True when entry k is the last of its tie walking down, i.e. k = 0 or score k−1 differs.</summary>
        bool EndsTie(int k);
    }

    /// <summary>What a walk keeps of its points.</summary>
    public interface ISink
    {
        void Start(double positives, double negatives);

        void Add(double fpr, double tpr);
    }

    public static void Run<TScores, TSink>(TScores scores, ref TSink sink)
        where TScores : struct, IScores
        where TSink : struct, ISink
    {
        double p = 0;
        for (int k = 0; k < scores.Count; k++) if (scores.IsPositive(k)) p++;
        double n = scores.Count - p;
        sink.Start(p, n);
        double tp = 0, fp = 0;
        for (int k = scores.Count - 1; k >= 0; k--)
        {
            if (scores.IsPositive(k)) tp++; else fp++;
            if (!scores.EndsTie(k)) continue;
            sink.Add(n > 0 ? fp / n : double.NaN, p > 0 ? tp / p : double.NaN);
        }
    }

    /// <summary>Doubles sorted ascending with the row each came from.</summary>
    public readonly struct Sorted(double[] sorted, int[] order, IReadOnlyList<bool> positive) : IScores
    {
        public int Count => sorted.Length;

        public bool IsPositive(int k) => positive[order[k]];

        public bool EndsTie(int k) => k == 0 || sorted[k - 1] != sorted[k];
    }

    /// <summary>Non-negative float bits (high half) and rows (low half) packed in longs, sorted ascending.</summary>
    public readonly struct Packed(ReadOnlyMemory<long> packed, IReadOnlyList<long> labels, int positiveClass) : IScores
    {
        public int Count => packed.Length;

        public bool IsPositive(int k) => labels[(int)(packed.Span[k] & 0xFFFFFFFF)] == positiveClass;

        public bool EndsTie(int k) => k == 0 || (packed.Span[k - 1] >> 32) != (packed.Span[k] >> 32);
    }

    /// <summary>The trapezoid area under the points, from (0, 0); NaN when one class is absent.</summary>
    public struct Area : ISink
    {
        private double lastFpr, lastTpr, area;
        private bool defined;

        public void Start(double positives, double negatives) => defined = positives > 0 && negatives > 0;

        public void Add(double fpr, double tpr)
        {
            area += (fpr - lastFpr) * (tpr + lastTpr) / 2;
            (lastFpr, lastTpr) = (fpr, tpr);
        }

        public readonly double Result() => defined ? area : double.NaN;
    }

    /// <summary>Every point, from (0, 0), and the area under them.</summary>
    public struct Curve : ISink
    {
        private Area area;
        private List<double> fpr, tpr;

        public void Start(double positives, double negatives)
        {
            area.Start(positives, negatives);
            (fpr, tpr) = ([0], [0]);
        }

        public void Add(double f, double t)
        {
            area.Add(f, t);
            fpr.Add(f);
            tpr.Add(t);
        }

        public readonly RocCurve Result() => new(fpr.ToArray(), tpr.ToArray(), area.Result());
    }
}
