using System.Globalization;
using System.Text;
using SuperFuse.Experiments;

namespace SuperFuse.Reporting;

/// <summary>The report's "paper's claims" section, tables/claims.csv and the compact pairwise-significance table.</summary>
public static class ReportClaims
{
    /// <summary>One row per claim and task: claim, task, verdict, comparisons judged, seeds, held, contradicted, left out.</summary>
    public static Table Table(IReadOnlyList<ClaimVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        string[] columns = ["claim", "task", "verdict", "comparisons", "seeds", "held", "contradicted", "excluded_at_baseline"];
        return new Table(columns, verdicts.Select(v => new object[]
        {
            v.Id, v.Task, ClaimVerdicts.Name(v.Verdict), v.Comparisons, v.Seeds, v.Held, v.Contradicted, v.Excluded,
        }).ToList());
    }

    /// <summary>Each claim with its verdict per task and the comparisons that decided it.</summary>
    public static string Verdicts(IReadOnlyList<ClaimVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var html = new StringBuilder(FormattableString.Invariant($"<p class=\"note\">Each claim is a family of paired comparisons between fusions over the same seeds (paired t-test and 95 % t-interval of the mean difference). Within a claim and task the p-values get Holm's correction. A comparison holds when its adjusted one-sided p &lt; 0.05 for a mean difference beyond the claim's minimum effect δ (2 points for \"far above\", \"loses the most\" and \"most robust\", 0 for \"below\"); \"≈\" is two one-sided tests at ±2 points. It does not hold when the adjusted one-sided test puts it on the wrong side of δ. A claim is judged only with at least {ClaimVerdicts.MinSeeds} seeds per cell; models at their majority rate are left out of robustness comparisons.</p>\n<ul>\n"));
        foreach (var v in verdicts)
        {
            html.Append("<li><b>(").Append(v.Id).Append(") ").Append(HtmlReport.Encode(v.Claim)).Append("</b> [").Append(v.Task)
                .Append("] — <b>").Append(ClaimVerdicts.Name(v.Verdict)).Append("</b><details><summary>")
                .Append(v.Comparisons).Append(" comparisons, ").Append(v.Seeds).Append(" seeds</summary><ul>");
            foreach (var e in v.Evidence) html.Append("<li>").Append(HtmlReport.Encode(e)).Append("</li>");
            html.Append("</ul></details></li>\n");
        }
        return html.Append("</ul>\n").ToString();
    }

    /// <summary>Per task and size, each fusion pair's mean accuracy difference with its t-interval; * marks Holm-adjusted p &lt; 0.05.</summary>
    public static string Pairwise(Table table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var pairs = table.Rows.Select(r => $"{r[2]} − {r[3]}").Distinct().ToList();
        var html = new StringBuilder("<table><tr><th>task</th><th>n</th>");
        foreach (var p in pairs) html.Append("<th>").Append(HtmlReport.Encode(p)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var group in table.Rows.GroupBy(r => (Task: (string)r[0], Size: (int)r[1])))
        {
            html.Append("<tr><td>").Append(group.Key.Task).Append("</td><td>").Append(group.Key.Size).Append("</td>");
            foreach (var p in pairs)
            {
                var row = group.FirstOrDefault(r => $"{r[2]} − {r[3]}" == p);
                html.Append("<td>").Append(row is null ? "" : Cell((double)row[5], (double)row[6], (double)row[7], (double)row[11])).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    private static string Cell(double mean, double low, double high, double holm) => string.Create(CultureInfo.InvariantCulture,
        $"{100 * mean:+0.0;−0.0} [{100 * low:+0.0;−0.0}, {100 * high:+0.0;−0.0}]{(holm < 0.05 ? " *" : "")}");
}
