using System.Text.Json;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.IO;
using SuperFuse.Reporting.Figures;
using SuperFuse.Results;

namespace SuperFuse.Reporting;

/// <summary>What <see cref="StudyOutputs.Write"/> wrote: the report's path and the keys of cells left out.</summary>
/// <param name="Path">report.html.</param>
/// <param name="Skipped">Cells in <c>cells/</c> that are not part of the folder's config (their keys), left out of every output.</param>
public sealed record StudyReport(string Path, IReadOnlyList<string> Skipped);

/// <summary>Writes tables, figures and report.html of a results folder from its saved cells only.</summary>
public static class StudyOutputs
{
    /// <summary>Rebuilds everything derived from the cells of <c>cells/</c> that belong to <paramref name="config"/>.</summary>
    public static StudyReport Write(string folder, StudyConfig config, Provenance? provenance)
    {
        ArgumentNullException.ThrowIfNull(config);
        var all = new CellStore(folder).LoadAll();
        var cells = all.Where(c => StudyGrid.Belongs(config, c)).ToList();
        var skipped = all.Where(c => !StudyGrid.Belongs(config, c)).Select(c => c.Key).ToList();
        if (cells.Count == 0) throw new UserInputException($"{folder}: holds no finished cells of its config; expected results of 'superfuse run'");
        var fusions = Ordered(config.Fusions.Select(f => f.Name).ToList(), cells.Select(c => c.Fusion));
        var tasks = Ordered(config.Tasks.Select(t => t.Name()).ToList(), cells.Select(c => c.Task));
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
        AtomicFile.WriteAllText(report, HtmlReport.Render(folder, config, cells, runs, pairwise, verdicts, fusions, tasks, skipped));
        return new StudyReport(report, skipped);
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
