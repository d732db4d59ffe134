using MathNet.Numerics.Distributions;

namespace SuperFuse.Metrics;

/// <summary>
/// A paired comparison over the same seeds: the differences d_k = a_k − b_k, their mean, the 95 % t-interval
/// mean ± t(0.975, n−1)·s/√n, and one-sample t-tests on them. Seeds are the unit of replication, so the test is
/// paired (the seed fixes the subset, the initial weights and the data order of both models).
/// </summary>
/// <param name="Count">Paired seeds n.</param>
/// <param name="MeanDifference">Mean of a − b.</param>
/// <param name="Std">Sample standard deviation of the differences.</param>
/// <param name="Low">Lower end of the 95 % t-interval of the mean difference.</param>
/// <param name="High">Upper end.</param>
/// <param name="T">t statistic of the mean difference against 0.</param>
/// <param name="P">Two-sided p-value of the paired t-test against 0.</param>
public sealed record PairedTest(int Count, double MeanDifference, double Std, double Low, double High, double T, double P)
{
    /// <summary>Degrees of freedom n − 1.</summary>
    public int Df => Count - 1;

    /// <summary>The test of paired values a[k], b[k] (same seed k); at least two pairs.</summary>
    public static PairedTest Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count < 2) throw new ArgumentException("expected at least two paired values");
        var d = a.Zip(b, (x, y) => x - y).ToArray();
        double mean = d.Average();
        double std = Math.Sqrt(d.Sum(x => (x - mean) * (x - mean)) / (d.Length - 1));
        double half = Quantile975(d.Length - 1) * std / Math.Sqrt(d.Length);
        var test = new PairedTest(d.Length, mean, std, mean - half, mean + half, double.NaN, double.NaN);
        double t = test.Statistic(0);
        return test with { T = t, P = TwoSided(t, test.Df) };
    }

    /// <summary>One-sided p of H₀: μ ≤ <paramref name="delta"/> against H₁: μ &gt; <paramref name="delta"/>.</summary>
    public double PAbove(double delta) => Upper(Statistic(delta), Df);

    /// <summary>One-sided p of H₀: μ ≥ <paramref name="delta"/> against H₁: μ &lt; <paramref name="delta"/>.</summary>
    public double PBelow(double delta) => Upper(-Statistic(delta), Df);

    /// <summary>
    /// Two one-sided tests of equivalence within ±<paramref name="margin"/>: the larger of the p-values of
    /// μ &gt; −margin and μ &lt; +margin. Small means the difference is shown to lie inside the margin.
    /// </summary>
    public double Equivalence(double margin) => Math.Max(PAbove(-margin), PBelow(margin));

    /// <summary>The two-sided 97.5 % quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    public static double Quantile975(int df) => StudentT.InvCDF(0, 1, df, 0.975);

    private double Statistic(double delta)
    {
        double se = Std / Math.Sqrt(Count);
        double gap = MeanDifference - delta;
        if (se > 0) return gap / se;
        return gap == 0 ? 0 : Math.Sign(gap) * double.PositiveInfinity;
    }

    private static double Upper(double t, int df) => double.IsPositiveInfinity(t) ? 0 : double.IsNegativeInfinity(t) ? 1 : 1 - StudentT.CDF(0, 1, df, t);

    private static double TwoSided(double t, int df) => Math.Min(1, 2 * Upper(Math.Abs(t), df));
}
