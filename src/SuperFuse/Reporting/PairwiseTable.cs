using SuperFuse.Experiments;
using SuperFuse.Metrics;

namespace SuperFuse.Reporting;

/// <summary>
/// For every (task, size) and every pair of fusions present there, the test-accuracy difference over the seeds both
/// have: paired t-interval (95 %), paired t-test, and its Holm-adjusted p over the pairs of that task and size
/// (tables/significance.csv, report).
/// </summary>
public static class PairwiseTable
{
    /// <summary>One row per task × size × fusion pair (test accuracy).</summary>
    public static Table Build(IReadOnlyList<CellRecord> cells, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(fusions);
        ArgumentNullException.ThrowIfNull(tasks);
        string[] columns = ["task", "size", "fusion_a", "fusion_b", "seeds", "mean_difference", "ci_low", "ci_high", "t", "df", "p", "p_holm"];
        var rows = new List<object[]>();
        foreach (var task in tasks)
        {
            foreach (int size in cells.Where(c => c.Task == task).Select(c => c.Size).Distinct().Order())
            {
                var tests = Pairs(fusions).Select(p => (p.A, p.B, Test: Compare(cells, task, size, p.A, p.B)))
                    .Where(x => x.Test is not null).Select(x => (x.A, x.B, Test: x.Test!)).ToList();
                var holm = Holm.Adjust(tests.Select(x => x.Test.P).ToArray());
                rows.AddRange(tests.Select((x, k) => new object[]
                {
                    task, size, x.A, x.B, x.Test.Count, x.Test.MeanDifference, x.Test.Low, x.Test.High, x.Test.T, x.Test.Df, x.Test.P, holm[k],
                }));
            }
        }
        return new Table(columns, rows);
    }

    /// <summary>The paired test of fusion <paramref name="a"/> against <paramref name="b"/> on test accuracy, or null with fewer than two shared seeds.</summary>
    public static PairedTest? Compare(IReadOnlyList<CellRecord> cells, string task, int size, string a, string b) =>
        new ClaimCheck(task, size, a, b, Relation.Above, 0, "accuracy", c => c.TestAccuracy, false).Test(cells);

    private static IEnumerable<(string A, string B)> Pairs(IReadOnlyList<string> fusions) =>
        fusions.SelectMany((a, i) => fusions.Skip(i + 1).Select(b => (a, b)));
}
