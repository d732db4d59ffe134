using ScottPlot;
using SuperFuse.Experiments;

namespace SuperFuse.Reporting.Figures;

/// <summary>
/// Figure 2: ROC curves, one panel per (task, fusion), one curve per training size (TPR averaged over seeds at fixed
/// FPR, "vertical averaging"), darker lines = larger training sizes.
/// </summary>
public static class RocFigure
{
    private static readonly double[] Grid = Enumerable.Range(0, 101).Select(k => k / 100.0).ToArray();

    /// <summary>Builds the panels: rows = tasks, columns = fusions.</summary>
    public static IReadOnlyList<Plot> Panels(IReadOnlyList<CellRecord> cells, IReadOnlyList<string> fusions, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(fusions);
        return tasks.SelectMany(t => fusions.Select(f => Panel(cells.Where(c => c.Task == t && c.Fusion == f).ToList(), fusions, t, f))).ToList();
    }

    private static Plot Panel(List<CellRecord> cells, IReadOnlyList<string> fusions, string task, string fusion)
    {
        var plot = FigureStyle.Panel($"Figure 2 · {fusion}, {task} labels", "false positive rate", "true positive rate");
        var sizes = cells.Select(c => c.Size).Distinct().Order().ToArray();
        var color = FigureStyle.ColorOf(fusion, fusions);
        for (int k = 0; k < sizes.Length; k++)
        {
            var curves = cells.Where(c => c.Size == sizes[k]).Select(c => Interpolate(c.RocFpr, c.RocTpr)).ToList();
            double[] mean = Grid.Select((_, i) => curves.Average(c => c[i])).ToArray();
            var line = plot.Add.ScatterLine(Grid, mean, FigureStyle.Shade(color, sizes.Length == 1 ? 1 : k / (double)(sizes.Length - 1)));
            line.LineWidth = 2;
            line.LegendText = $"n = {sizes[k]}";
        }
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LinePattern = LinePattern.Dashed;
        chance.Color = Colors.Gray;
        plot.Axes.SetLimits(0, 1, 0, 1.01);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary>TPR on the fixed FPR grid (the highest TPR reached at or before each FPR: the ROC step function).</summary>
    internal static double[] Interpolate(double[] fpr, double[] tpr)
    {
        var result = new double[Grid.Length];
        for (int i = 0; i < Grid.Length; i++)
        {
            double best = 0;
            for (int k = 0; k < fpr.Length && fpr[k] <= Grid[i] + 1e-12; k++) best = Math.Max(best, tpr[k]);
            result[i] = best;
        }
        return result;
    }
}
