namespace SuperFuse.Metrics;

/// <summary>
/// Holm's step-down correction (Holm 1979) of the p-values of one family of comparisons: the k-th smallest of m becomes
/// max over j ≤ k of (m − j + 1)·p₍ⱼ₎, capped at 1. Rejecting where the adjusted p &lt; α keeps the family-wise error
/// rate at α under any dependence between the comparisons.
/// </summary>
public static class Holm
{
    /// <summary>The adjusted p-values, in the order of <paramref name="p"/>; NaN stays NaN and is not counted.</summary>
    public static double[] Adjust(IReadOnlyList<double> p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var order = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ThenBy(i => i).ToArray();
        var adjusted = Enumerable.Repeat(double.NaN, p.Count).ToArray();
        double running = 0;
        for (int k = 0; k < order.Length; k++)
        {
            running = Math.Max(running, Math.Min(1, (order.Length - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }
}
