using System.Text.Json;
using SuperFuse.Experiments;
using SuperFuse.Reporting.Figures;

namespace SuperFuse.Reporting;

/// <summary>Writes tables, figures and report.html of a results folder from its saved cells only.</summary>
public static class StudyOutputs
{
    /// <summary>Rebuilds everything derived from <c>cells/</c>; returns the report path.</summary>
    public static string Write(string folder, StudyConfig config, Provenance? provenance)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cells = new CellStore(folder).LoadAll();
        if (cells.Count == 0) throw new UserInputException($"{folder}: holds no finished cells; expected results of 'superfuse run'");
        var fusions = Ordered(config.Fusions, cells.Select(c => c.Fusion));
        var tasks = Ordered(config.Tasks, cells.Select(c => c.Task));
        string tables = Path.Combine(folder, "tables");
        var runs = ResultTables.Runs(cells);
        TableFiles.Write(runs, tables, "runs");
        TableFiles.Write(ResultTables.Noise(cells), tables, "noise");
        TableFiles.Write(ResultTables.Timing(cells), tables, "timing");
        var pairwise = PairwiseTable.Build(cells, fusions, tasks);
        TableFiles.Write(pairwise, tables, "significance");
        var verdicts = ClaimVerdicts.Judge(cells);
        TableFiles.Write(ReportClaims.Table(verdicts), tables, "claims");
        string figures = Path.Combine(folder, "figures");
        PanelGrid.Save(AccuracyVsSizeFigure.Panels(cells, fusions, tasks), tasks.Count, figures, "figure1");
        PanelGrid.Save(RocFigure.Panels(cells, fusions, tasks), fusions.Count, figures, "figure2");
        PanelGrid.Save(NoiseFigure.Panels(cells, fusions, tasks, config.Figure3Size), 3, figures, "figure3");
        if (provenance is not null) AtomicFile.WriteAllText(Path.Combine(folder, "provenance.json"), JsonSerializer.Serialize(provenance, ResultJson.Options));
        string report = Path.Combine(folder, "report.html");
        AtomicFile.WriteAllText(report, HtmlReport.Render(folder, config, cells, runs, pairwise, verdicts, fusions, tasks));
        return report;
    }

    /// <summary>
    /// Saves the provenance of one shard as <c>shards/&lt;shard&gt;.json</c>: shards share the results folder, and the
    /// merged report is drawn once by <c>superfuse report</c> after all of them finished.
    /// </summary>
    public static string WriteShardProvenance(string folder, Shard shard, Provenance provenance)
    {
        ArgumentNullException.ThrowIfNull(shard);
        string dir = Path.Combine(folder, "shards");
        OutputFolder.Ensure(dir);
        string path = Path.Combine(dir, shard + ".json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(provenance, ResultJson.Options));
        return path;
    }

    /// <summary>The configured order first, then anything else found in the results (merged shards).</summary>
    private static List<string> Ordered(IEnumerable<string> configured, IEnumerable<string> found)
    {
        var present = found.ToHashSet(StringComparer.Ordinal);
        var order = configured.Where(present.Contains).ToList();
        order.AddRange(present.Where(p => !order.Contains(p)).Order(StringComparer.Ordinal));
        return order;
    }
}
