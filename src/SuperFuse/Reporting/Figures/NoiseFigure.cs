using ScottPlot;
using SuperFuse.Experiments;
using SuperFuse.Metrics;
using SuperFuse.Robustness;

namespace SuperFuse.Reporting.Figures;

/// <summary>
/// Figure 3: test accuracy vs noise level α, three panels (text, image, both) per task, one line per fusion at the
/// largest training size it ran (or the configured size); mean over seeds with std error bars.
/// </summary>
public static class NoiseFigure
{
    /// <summary>Builds the panels: rows = tasks, columns = text, image, both.</summary>
    public static IReadOnlyList<Plot> Panels(IReadOnlyList<CellRecord> cells, IReadOnlyList<string> fusions,
        IReadOnlyList<string> tasks, int? size)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks.SelectMany(t => Enum.GetValues<NoiseCondition>().Select(c => Panel(cells.Where(x => x.Task == t).ToList(), fusions, t, c, size))).ToList();
    }

    /// <summary>The size Figure 3 shows for a fusion: the configured one, else the largest it ran.</summary>
    public static int? SizeFor(IEnumerable<CellRecord> cells, string fusion, int? configured)
    {
        var sizes = cells.Where(c => c.Fusion == fusion).Select(c => c.Size).ToList();
        if (sizes.Count == 0) return null;
        return configured is int s && sizes.Contains(s) ? s : sizes.Max();
    }

    private static Plot Panel(List<CellRecord> cells, IReadOnlyList<string> fusions, string task, NoiseCondition condition, int? size)
    {
        string name = ResultTables.Name(condition);
        var plot = FigureStyle.Panel($"Figure 3 · {name} noise, {task} labels", "noise level α", "test accuracy (mean ± std)");
        foreach (var fusion in fusions)
        {
            if (SizeFor(cells, fusion, size) is not int n) continue;
            var curves = cells.Where(c => c.Fusion == fusion && c.Size == n).Select(c => ResultTables.Curve(c, condition)).ToList();
            double[] x = curves[0].Alphas;
            var stats = x.Select((_, i) => Aggregate.Of(curves.Select(c => c.Accuracy[i]))).ToArray();
            var color = FigureStyle.ColorOf(fusion, fusions);
            var line = plot.Add.Scatter(x, stats.Select(s => s.Mean).ToArray(), color);
            line.LegendText = $"{fusion} (n = {n})";
            line.LineWidth = 2;
            line.MarkerSize = 5;
            var bars = plot.Add.ErrorBar(x, stats.Select(s => s.Mean).ToArray(), stats.Select(s => s.Std).ToArray());
            bars.Color = color;
        }
        plot.Axes.SetLimitsY(0.3, 1.02);
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }
}
