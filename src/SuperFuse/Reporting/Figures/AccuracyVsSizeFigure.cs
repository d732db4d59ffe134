using ScottPlot;
using SuperFuse.Experiments;
using SuperFuse.Metrics;

namespace SuperFuse.Reporting.Figures;

/// <summary>
/// Figure 1: mean clean test accuracy vs training size on a log₂ axis, error bars = std over seeds, one panel per task,
/// one line per fusion.
/// </summary>
public static class AccuracyVsSizeFigure
{
    /// <summary>Builds the panels (one per task).</summary>
    public static IReadOnlyList<Plot> Panels(IReadOnlyList<CellRecord> cells, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(tasks);
        return tasks.Select(task => Panel(cells.Where(c => c.Task == task).ToList(), fusions, task)).ToList();
    }

    private static Plot Panel(List<CellRecord> cells, IReadOnlyList<string> fusions, string task)
    {
        var plot = FigureStyle.Panel($"Figure 1 · {task} labels", "training size (log₂ scale)", "test accuracy (mean ± std over seeds)");
        foreach (var fusion in fusions)
        {
            var bySize = cells.Where(c => c.Fusion == fusion).GroupBy(c => c.Size).OrderBy(g => g.Key)
                .Select(g => (Size: g.Key, Stats: Aggregate.Of(g.Select(c => c.TestAccuracy)))).ToArray();
            if (bySize.Length == 0) continue;
            var color = FigureStyle.ColorOf(fusion, fusions);
            double[] x = bySize.Select(p => Math.Log2(p.Size)).ToArray();
            double[] y = bySize.Select(p => p.Stats.Mean).ToArray();
            var line = plot.Add.Scatter(x, y, color);
            line.LegendText = fusion;
            line.LineWidth = 2;
            line.MarkerSize = 7;
            var bars = plot.Add.ErrorBar(x, y, bySize.Select(p => p.Stats.Std).ToArray());
            bars.Color = color;
        }
        Log2Ticks(plot, cells.Select(c => c.Size).Distinct().ToArray());
        plot.Axes.SetLimitsY(0.4, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>Ticks at log₂(size), labelled by <see cref="SizeTicks"/> so that no two labels overlap.</summary>
    internal static void Log2Ticks(Plot plot, int[] sizes)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var tick in SizeTicks.Choose(sizes, FigureStyle.PlotAreaWidth)) ticks.AddMajor(tick.Position, tick.Label);
        plot.Axes.Bottom.TickGenerator = ticks;
    }
}
