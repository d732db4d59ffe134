using System.Globalization;
using System.Text;
using SuperFuse.Experiments;

namespace SuperFuse.Reporting;

/// <summary>The report's "paper's claims" section and its compact pairwise-significance table.</summary>
public static class ReportClaims
{
    /// <summary>Each claim with its verdict and the comparisons that decided it.</summary>
    public static string Verdicts(IReadOnlyList<CellRecord> cells)
    {
        var html = new StringBuilder("<p class=\"note\">Each claim is split into comparisons between fusions over the same seeds (paired bootstrap 95 % CI of the mean difference, 10,000 resamples; Welch's p for reference). A claim holds when every comparison's CI lies on the claimed side of 0 (\"≈\": within ±2 points), does not hold when one lies on the other side, and is inconclusive otherwise.</p>\n<ul>\n");
        foreach (var v in ClaimVerdicts.Judge(cells))
        {
            html.Append("<li><b>(").Append(v.Id).Append(") ").Append(HtmlReport.Encode(v.Claim)).Append("</b> — <b>")
                .Append(ClaimVerdicts.Name(v.Verdict)).Append("</b><details><summary>")
                .Append(v.Evidence.Count).Append(" comparisons</summary><ul>");
            foreach (var e in v.Evidence) html.Append("<li>").Append(HtmlReport.Encode(e)).Append("</li>");
            html.Append("</ul></details></li>\n");
        }
        return html.Append("</ul>\n").ToString();
    }

    /// <summary>Per task and size, each fusion pair's mean accuracy difference with its CI; * marks a CI that excludes 0.</summary>
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
                html.Append("<td>").Append(row is null ? "" : Cell((double)row[5], (double)row[6], (double)row[7])).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        return html.Append("</table>\n").ToString();
    }

    private static string Cell(double mean, double low, double high) => string.Create(CultureInfo.InvariantCulture,
        $"{100 * mean:+0.0;−0.0} [{100 * low:+0.0;−0.0}, {100 * high:+0.0;−0.0}]{(low > 0 || high < 0 ? " *" : "")}");
}
