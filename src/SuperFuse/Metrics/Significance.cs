namespace SuperFuse.Metrics;

/// <summary>A paired comparison of two fusions over the same seeds.</summary>
/// <param name="Count">Paired seeds n.</param>
/// <param name="MeanDifference">Mean of a − b.</param>
/// <param name="Low">2.5 % percentile of the bootstrap distribution of the mean difference.</param>
/// <param name="High">97.5 % percentile.</param>
/// <param name="WelchT">Welch's t statistic of a against b (unpaired, unequal variances).</param>
/// <param name="WelchDf">Welch–Satterthwaite degrees of freedom.</param>
/// <param name="WelchP">Two-sided p-value of Welch's test.</param>
public sealed record Comparison(int Count, double MeanDifference, double Low, double High, double WelchT, double WelchDf, double WelchP)
{
    /// <summary>+1 if the bootstrap CI lies above 0, −1 if below, 0 if it contains 0.</summary>
    public int Sign => Low > 0 ? 1 : High < 0 ? -1 : 0;
}

/// <summary>Paired bootstrap CIs and Welch's t-test (explicitly seeded, deterministic).</summary>
public static class Significance
{
    /// <summary>Bootstrap resamples.</summary>
    public const int Resamples = 10_000;

    /// <summary>Compares paired values a[k], b[k] (same seed k).</summary>
    public static Comparison Compare(IReadOnlyList<double> a, IReadOnlyList<double> b, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count == 0) throw new ArgumentException("expected paired, non-empty samples");
        var diff = a.Zip(b, (x, y) => x - y).ToArray();
        var (low, high) = BootstrapMeanCi(diff, seed);
        var (t, df, p) = Welch(a, b);
        return new Comparison(diff.Length, diff.Average(), low, high, t, df, p);
    }

    /// <summary>Percentile 95 % CI of the mean of <paramref name="values"/> from <see cref="Resamples"/> resamples.</summary>
    public static (double Low, double High) BootstrapMeanCi(IReadOnlyList<double> values, int seed)
    {
        ArgumentNullException.ThrowIfNull(values);
        var random = new Random(seed);
        var means = new double[Resamples];
        for (int b = 0; b < Resamples; b++)
        {
            double sum = 0;
            for (int k = 0; k < values.Count; k++) sum += values[random.Next(values.Count)];
            means[b] = sum / values.Count;
        }
        Array.Sort(means);
        return (Percentile(means, 0.025), Percentile(means, 0.975));
    }

    /// <summary>Welch's t-test: t, Welch–Satterthwaite df, two-sided p.</summary>
    public static (double T, double Df, double P) Welch(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        double va = Variance(a) / a.Count, vb = Variance(b) / b.Count;
        double diff = a.Average() - b.Average();
        if (va + vb == 0) return (diff == 0 ? 0 : Math.Sign(diff) * double.PositiveInfinity, double.NaN, diff == 0 ? 1 : 0);
        double t = diff / Math.Sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        return (t, df, StudentTwoSidedP(t, df));
    }

    /// <summary>P(|T| ≥ |t|) for Student's t with <paramref name="df"/> degrees of freedom: I_{df/(df+t²)}(df/2, 1/2).</summary>
    public static double StudentTwoSidedP(double t, double df) => IncompleteBeta(df / (df + t * t), df / 2, 0.5);

    private static double Variance(IReadOnlyList<double> v)
    {
        double mean = v.Average();
        return v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1);
    }

    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int lo = (int)Math.Floor(position);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (position - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Regularised incomplete beta I_x(a, b) by Lentz's continued fraction.</summary>
    private static double IncompleteBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2) ? front * BetaFraction(x, a, b) / a : 1 - front * BetaFraction(1 - x, b, a) / b;
    }

    private static double BetaFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++)
        {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 / Guard(1 + even * d);
            c = Guard(1 + even / c);
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 / Guard(1 + odd * d);
            c = Guard(1 + odd / c);
            double step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }
        return h;

        static double Guard(double v) => Math.Abs(v) < Tiny ? Tiny : v;
    }

    /// <summary>ln Γ(x) by the Lanczos approximation (g = 7, 9 terms), x &gt; 0.</summary>
    private static double LogGamma(double x)
    {
        double[] c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        double sum = c[0];
        for (int k = 1; k < 9; k++) sum += c[k] / (x + k);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
