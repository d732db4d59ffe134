using System.Globalization;
using System.Text;
using SuperFuse.Experiments;
using SuperFuse.Metrics;
using SuperFuse.Reporting.Figures;
using SuperFuse.Robustness;

namespace SuperFuse.Reporting;

/// <summary>The report's tables: accuracy mean ± std with 95 % CI, and robustness summaries.</summary>
public static class ReportTables
{
    /// <summary>
    /// Per (task, fusion, size): seeds, test accuracy mean ± std, its 95 % CI, the test split's majority rate beside it,
    /// whether the model is clearly above that rate (<see cref="BaselineStatus"/>), and mean AUC.
    /// </summary>
    public static string Accuracy(IReadOnlyList<CellRecord> cells, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var html = new StringBuilder("<p class=\"note\">Majority: the share of the test split's most common class, the accuracy of a model that ignores its input. \"at baseline\": the lower end of the accuracy's 95 % CI is less than 1 point above it; such a model's robustness is not used in any claim.</p>\n");
        html.Append("<table><tr><th>task</th><th>fusion</th><th>size</th><th>seeds</th><th>test accuracy mean ± std</th><th>95 % CI</th><th>majority</th><th>vs majority</th><th>AUC mean</th></tr>\n");
        foreach (var task in tasks)
        {
            foreach (var fusion in fusions)
            {
                foreach (var g in cells.Where(c => c.Task == task && c.Fusion == fusion).GroupBy(c => c.Size).OrderBy(g => g.Key))
                {
                    var acc = Aggregate.Of(g.Select(c => c.TestAccuracy));
                    var auc = Aggregate.Of(g.Select(c => c.TestAuc));
                    string status = acc.Count < 2 ? "–" : BaselineStatus.ClearlyAbove(g.ToList()) ? "above" : "at baseline";
                    html.Append(Row(task, fusion, g.Key.ToString(CultureInfo.InvariantCulture), acc.Count.ToString(CultureInfo.InvariantCulture),
                        $"{F(acc.Mean)} ± {F(acc.Std)}", double.IsNaN(acc.Ci95) ? "–" : $"[{F(acc.Mean - acc.Ci95)}, {F(acc.Mean + acc.Ci95)}]",
                        F(g.Max(c => c.MajorityAccuracy)), status, F(auc.Mean)));
                }
            }
        }
        return html.Append("</table>\n").ToString();
    }

    /// <summary>From the runs table (<see cref="ResultTables.Runs"/>), per (task, fusion) at the Figure 3 size: mean normalised area, drop at α = 0.1, α₅₀ and effective robustness per condition.</summary>
    public static string Robustness(IReadOnlyList<CellRecord> cells, Table runs, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks, int? size)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(runs);
        int Col(string name) => runs.Columns.ToList().IndexOf(name);
        var html = new StringBuilder("<p class=\"note\">Means over seeds of the mean curve over noise draws. Area: accuracy integrated over α, divided by the α span; in brackets, the range of that mean over the noise draws when there are several. Drop: clean − accuracy at α = 0.1. α₅₀: where accuracy falls halfway to the majority rate (– if never). Eff. rob.: Σ_k[(a_k − a_0) − (concat_k − concat_0)]. Rows of models at their majority rate are marked; their robustness is not used in claims.</p>\n");
        html.Append("<table><tr><th>task</th><th>fusion</th><th>size</th><th>condition</th><th>area</th><th>drop@0.1</th><th>α₅₀</th><th>eff. rob. vs concat</th><th>vs majority</th></tr>\n");
        foreach (var task in tasks)
        {
            foreach (var fusion in fusions)
            {
                if (NoiseFigure.SizeFor(cells.Where(c => c.Task == task), fusion, size) is not int n) continue;
                var rows = runs.Rows.Where(r => (string)r[2] == task && (string)r[1] == fusion && (int)r[3] == n).ToList();
                var group = cells.Where(c => c.Task == task && c.Fusion == fusion && c.Size == n).ToList();
                string status = BaselineStatus.ClearlyAbove(group) ? "above" : "at baseline";
                foreach (var condition in Enum.GetValues<NoiseCondition>())
                {
                    string c = ResultTables.Name(condition);
                    string Mean(string column) => F(Aggregate.Of(rows.Select(r => (double)r[Col(column)])).Mean);
                    html.Append(Row(task, fusion, n.ToString(CultureInfo.InvariantCulture), c, Mean($"area_{c}") + DrawRange(group, condition),
                        Mean($"drop01_{c}"), Mean($"alpha50_{c}"), Mean($"effective_robustness_{c}"), status));
                }
            }
        }
        return html.Append("</table>\n").ToString();
    }

    /// <summary>" (low–high)": the range over noise draws of the seed-mean area, or "" with one draw.</summary>
    private static string DrawRange(List<CellRecord> group, NoiseCondition condition)
    {
        var draws = group.SelectMany(c => c.Noise.Select(p => p.Draw)).Distinct().Order().ToList();
        if (draws.Count < 2) return "";
        var areas = draws.Select(d => group.Average(c =>
        {
            var (alphas, accuracy) = ResultTables.Curve(c, condition, d);
            return RobustnessSummary.Of(alphas, accuracy, c.MajorityAccuracy).Area;
        })).ToList();
        return $" ({F(areas.Min())}–{F(areas.Max())})";
    }

    private static string F(double x) => double.IsNaN(x) ? "–" : x.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Row(params string[] cells) =>
        "<tr>" + string.Concat(cells.Select(c => $"<td>{HtmlReport.Encode(c)}</td>")) + "</tr>\n";
}
