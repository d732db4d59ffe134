namespace SuperFuse.Metrics;

/// <summary>Mean, sample std and a 95 % confidence half-width over seeds.</summary>
/// <param name="Count">Number of values n.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Std">Sample standard deviation (n − 1); 0 for one value.</param>
/// <param name="Ci95">Half-width of the 95 % t-interval of the mean: t(0.975, n−1)·std/√n; NaN for one value.</param>
public sealed record Aggregate(int Count, double Mean, double Std, double Ci95)
{
    // Two-sided 95 % Student-t quantiles for 1..30 degrees of freedom; beyond 30 the normal 1.96 is within 2 %.
    private static readonly double[] T975 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
        2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>Aggregates the finite values of <paramref name="values"/>.</summary>
    public static Aggregate Of(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return new Aggregate(0, double.NaN, double.NaN, double.NaN);
        double mean = v.Average();
        if (v.Length == 1) return new Aggregate(1, mean, 0, double.NaN);
        double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        double t = v.Length - 1 <= T975.Length ? T975[v.Length - 2] : 1.96;
        return new Aggregate(v.Length, mean, std, t * std / Math.Sqrt(v.Length));
    }
}
