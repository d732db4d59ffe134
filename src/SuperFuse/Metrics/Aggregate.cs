namespace SuperFuse.Metrics;

/// <summary>Mean, sample std and a 95 % confidence half-width over seeds.</summary>
/// <param name="Count">Number of values n.</param>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Std">Sample standard deviation (n − 1); 0 for one value.</param>
/// <param name="Ci95">Half-width of the 95 % t-interval of the mean: t(0.975, n−1)·std/√n; NaN for one value.</param>
public sealed record Aggregate(int Count, double Mean, double Std, double Ci95)
{
    /// <summary>Aggregates the finite values of <paramref name="values"/>.</summary>
    public static Aggregate Of(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length == 0) return new Aggregate(0, double.NaN, double.NaN, double.NaN);
        double mean = v.Average();
        if (v.Length == 1) return new Aggregate(1, mean, 0, double.NaN);
        double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return new Aggregate(v.Length, mean, std, PairedTest.Quantile975(v.Length - 1) * std / Math.Sqrt(v.Length));
    }
}
