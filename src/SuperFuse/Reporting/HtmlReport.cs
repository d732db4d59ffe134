using System.Net;
using System.Text;
using System.Text.Json;
using SuperFuse.Experiments;
using SuperFuse.IO;
using SuperFuse.Results;

namespace SuperFuse.Reporting;

/// <summary>One self-contained HTML file: summary, figures (embedded PNG), tables, config and provenance.</summary>
public static class HtmlReport
{
    private const string Style = """
        body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;color:#222;line-height:1.45}
        h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.8em}
        table{border-collapse:collapse;margin:.8em 0;font-size:.9em}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:right}
        th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}img{max-width:100%;border:1px solid #eee}
        pre{background:#f7f7f7;padding:1em;overflow-x:auto;font-size:.85em}.note{color:#555;font-size:.9em}
        .warning{background:#fff4e5;border-left:4px solid #e69500;padding:.5em .8em}
        """;

    /// <summary>Renders the report of <paramref name="folder"/>.</summary>
    public static string Render(string folder, StudyConfig config, IReadOnlyList<CellRecord> cells, Table runs,
        Table pairwise, IReadOnlyList<ClaimVerdict> verdicts, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks,
        IReadOnlyList<string>? skipped = null)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SuperFuse report</title><style>")
            .Append(Style).Append("</style></head><body>\n<h1>SuperFuse report</h1>\n");
        html.Append("<p class=\"note\">").Append(cells.Count).Append(" finished cells from <code>")
            .Append(Encode(Path.GetFullPath(folder))).Append("</code>. Accuracy is on the clean test split with the best-validation checkpoint.</p>\n");
        foreach (var warning in Warnings(cells)) html.Append("<p class=\"warning\"><b>Warning:</b> ").Append(Encode(warning)).Append("</p>\n");
        if (skipped is { Count: > 0 })
        {
            html.Append("<p class=\"warning\"><b>Left out:</b> ").Append(skipped.Count).Append(" cells in cells/ are not part of this folder's config: ")
                .Append(Encode(string.Join(", ", skipped.Take(20)))).Append(skipped.Count > 20 ? ", …" : "").Append("</p>\n");
        }
        html.Append("<h2>Summary</h2>\n").Append(ReportSummary.Html(cells, fusions, tasks, config.Figure3Size));
        AppendFigures(html, folder, config.Figure3Size);
        html.Append("<h2>Accuracy by task, fusion and size</h2>\n").Append(ReportTables.Accuracy(cells, fusions, tasks));
        html.Append("<h2>Robustness</h2>\n").Append(ReportTables.Robustness(cells, runs, fusions, tasks, config.Figure3Size));
        html.Append("<h2>The paper's claims, judged from these results</h2>\n").Append(ReportClaims.Verdicts(verdicts));
        html.Append("<h2>Pairwise differences in test accuracy (points, paired 95 % t-interval; * Holm-adjusted p < 0.05 within a task and size)</h2>\n").Append(ReportClaims.Pairwise(pairwise));
        html.Append("<h2>Configuration</h2>\n<pre>").Append(Encode(JsonSerializer.Serialize(config, ResultJson.Options))).Append("</pre>\n");
        AppendProvenance(html, folder);
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>The degenerate-label warning of each task whose train pool is at least 95 % one class (protocol §1).</summary>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<CellRecord> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return cells.GroupBy(c => c.Task).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Data.ClassBalance.DegenerateWarning(g.Key, g.First().TrainMajority, g.First().TrainMajorityClass))
            .OfType<string>().ToList();
    }

    /// <summary>HTML-escapes text.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static void AppendFigures(StringBuilder html, string folder, int? figure3Size)
    {
        string sizes = figure3Size is int n ? $"n = {n.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : "the largest size each fusion ran";
        (string File, string Caption)[] figures =
        [
            ("figure1", "Figure 1. Mean test accuracy vs training size (log₂ axis); error bars are the std over seeds."),
            ("figure2", "Figure 2. ROC curves per task and fusion; darker lines are larger training sizes (TPR averaged over seeds)."),
            ("figure3", $"Figure 3. Test accuracy vs noise level α for text, image and both-modality noise at {sizes} (mean over noise draws)."),
        ];
        html.Append("<h2>Figures</h2>\n");
        foreach (var (file, caption) in figures)
        {
            string path = Path.Combine(folder, "figures", file + ".png");
            if (!File.Exists(path)) continue;
            html.Append("<figure><img alt=\"").Append(file).Append("\" src=\"data:image/png;base64,")
                .Append(Convert.ToBase64String(File.ReadAllBytes(path))).Append("\"><figcaption>")
                .Append(Encode(caption)).Append("</figcaption></figure>\n");
        }
    }

    private static void AppendProvenance(StringBuilder html, string folder)
    {
        string path = Path.Combine(folder, "provenance.json");
        if (File.Exists(path)) html.Append("<h2>Provenance</h2>\n<pre>").Append(Encode(File.ReadAllText(path))).Append("</pre>\n");
        var log = RunLog.Read(folder);
        if (log.Count == 0) return;
        html.Append("<h2>Run log</h2>\n<p class=\"note\">Every invocation that wrote to this folder (").Append(RunLog.FileName)
            .Append("), shards and resumes included.</p>\n<table><tr><th>started (UTC)</th><th>finished</th><th>shard</th><th>threads</th><th>cells trained</th><th>host</th><th>version</th><th>commit</th><th>command</th></tr>\n");
        foreach (var p in log)
        {
            html.Append("<tr>");
            foreach (string cell in new[] { Time(p.Started), p.Finished is { } f ? Time(f) : "–", p.Shard, Invariant(p.Threads), Invariant(p.CellsTrained), p.Host, p.SuperFuse, p.GitCommit.Length > 12 ? p.GitCommit[..12] : p.GitCommit, p.Command })
            {
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    private static string Invariant(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
