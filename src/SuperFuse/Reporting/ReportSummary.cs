using System.Globalization;
using System.Text;
using SuperFuse.Experiments;
using SuperFuse.Metrics;
using SuperFuse.Reporting.Figures;
using SuperFuse.Robustness;

namespace SuperFuse.Reporting;

/// <summary>A short auto-written summary of which fusion wins where, computed from the saved cells.</summary>
public static class ReportSummary
{
    /// <summary>One bullet per task (clean accuracy at the smallest and largest size) and per noise condition.</summary>
    public static string Html(IReadOnlyList<CellRecord> cells, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks, int? size)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(tasks);
        var html = new StringBuilder("<ul>\n");
        foreach (var task in tasks)
        {
            var inTask = cells.Where(c => c.Task == task).ToList();
            var sizes = inTask.Select(c => c.Size).Distinct().Order().ToList();
            if (sizes.Count == 0) continue;
            html.Append("<li><b>").Append(task).Append(" labels, clean.</b> ")
                .Append(Leader(inTask.Where(c => c.Size == sizes[0]), fusions, $"at n = {sizes[0]}"));
            if (sizes.Count > 1) html.Append(' ').Append(Leader(inTask.Where(c => c.Size == sizes[^1]), fusions, $"at n = {sizes[^1]}"));
            html.Append("</li>\n");
            foreach (var condition in Enum.GetValues<NoiseCondition>())
            {
                html.Append("<li><b>").Append(task).Append(", ").Append(ResultTables.Name(condition)).Append(" noise.</b> ")
                    .Append(MostRobust(inTask, fusions, condition, size)).Append("</li>\n");
            }
        }
        return html.Append("</ul>\n").ToString();
    }

    private static string Leader(IEnumerable<CellRecord> cells, IReadOnlyList<string> fusions, string where)
    {
        var ranked = fusions.Select(f => (Fusion: f, Acc: Aggregate.Of(cells.Where(c => c.Fusion == f).Select(c => c.TestAccuracy))))
            .Where(r => r.Acc.Count > 0).OrderByDescending(r => r.Acc.Mean).ToList();
        if (ranked.Count == 0) return "";
        string rest = string.Join(", ", ranked.Skip(1).Select(r => $"{r.Fusion} {Pct(r.Acc.Mean)}"));
        return $"{Cap(where)}, <b>{ranked[0].Fusion}</b> leads with {Pct(ranked[0].Acc.Mean)} mean accuracy" + (rest.Length > 0 ? $" ({rest})." : ".");
    }

    private static string MostRobust(List<CellRecord> cells, IReadOnlyList<string> fusions, NoiseCondition condition, int? size)
    {
        var ranked = new List<(string Fusion, double Area, double Drop)>();
        foreach (var fusion in fusions)
        {
            if (NoiseFigure.SizeFor(cells, fusion, size) is not int n) continue;
            var summaries = cells.Where(c => c.Fusion == fusion && c.Size == n).Select(c =>
            {
                var (a, acc) = ResultTables.Curve(c, condition);
                return RobustnessSummary.Of(a, acc, c.MajorityAccuracy);
            }).ToList();
            ranked.Add((fusion, Aggregate.Of(summaries.Select(s => s.Area)).Mean, Aggregate.Of(summaries.Select(s => s.DropAt01)).Mean));
        }
        if (ranked.Count == 0) return "";
        var best = ranked.MaxBy(r => r.Area);
        var worst = ranked.MaxBy(r => r.Drop);
        return $"Highest accuracy over the α sweep (normalised area): <b>{best.Fusion}</b> ({best.Area.ToString("0.000", CultureInfo.InvariantCulture)}). "
            + $"Largest drop at α = 0.1: <b>{worst.Fusion}</b> ({(100 * worst.Drop).ToString("0.0", CultureInfo.InvariantCulture)} percentage points).";
    }

    private static string Pct(double x) => (100 * x).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
