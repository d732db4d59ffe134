using SuperFuse.Experiments;
using SuperFuse.Metrics;

namespace SuperFuse.Reporting;

/// <summary>
/// For every (task, size) and every pair of fusions present there, the test-accuracy difference over the seeds both
/// have: paired bootstrap 95 % CI of the mean difference and Welch's t-test (tables/significance.csv, report).
/// </summary>
public static class PairwiseTable
{
    /// <summary>The comparison of fusion <paramref name="a"/> against <paramref name="b"/>, or null if they share no seed.</summary>
    public static Comparison? Compare(IReadOnlyList<CellRecord> cells, string task, int size, string a, string b, Func<CellRecord, double> metric)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(metric);
        var left = cells.Where(c => c.Task == task && c.Size == size && c.Fusion == a).ToDictionary(c => c.Seed);
        var right = cells.Where(c => c.Task == task && c.Size == size && c.Fusion == b).ToDictionary(c => c.Seed);
        var seeds = left.Keys.Intersect(right.Keys).Order().ToArray();
        if (seeds.Length < 2) return null;
        return Significance.Compare(seeds.Select(s => metric(left[s])).ToArray(), seeds.Select(s => metric(right[s])).ToArray(), seed: size);
    }

    /// <summary>One row per task × size × fusion pair (test accuracy).</summary>
    public static Table Build(IReadOnlyList<CellRecord> cells, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(fusions);
        string[] columns = ["task", "size", "fusion_a", "fusion_b", "seeds", "mean_difference", "ci_low", "ci_high", "welch_t", "welch_df", "welch_p"];
        var rows = new List<object[]>();
        foreach (var task in tasks)
        {
            foreach (int size in cells.Where(c => c.Task == task).Select(c => c.Size).Distinct().Order())
            {
                for (int i = 0; i < fusions.Count; i++)
                {
                    for (int j = i + 1; j < fusions.Count; j++)
                    {
                        if (Compare(cells, task, size, fusions[i], fusions[j], c => c.TestAccuracy) is not { } c) continue;
                        rows.Add([task, size, fusions[i], fusions[j], c.Count, c.MeanDifference, c.Low, c.High, c.WelchT, c.WelchDf, c.WelchP]);
                    }
                }
            }
        }
        return new Table(columns, rows);
    }
}
