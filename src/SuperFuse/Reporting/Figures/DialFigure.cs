using ScottPlot;

namespace SuperFuse.Reporting.Figures;

/// <summary>
/// The complexity dial: clean accuracy (top row) and relative robustness (bottom row) against the fused width D
/// (left) and the forward FLOPs per sample (right), log₂ axes, one panel column per measure, one line per family
/// (<c>product:k</c>, <c>lmf:r</c>) and single points for the other fusions; one set of panels per task.
/// </summary>
public static class DialFigure
{
    /// <summary>The panels: for each task, accuracy vs D, accuracy vs FLOPs, robustness vs D, robustness vs FLOPs.</summary>
    public static IReadOnlyList<Plot> Panels(IReadOnlyList<FusionPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var panels = new List<Plot>();
        foreach (var task in points.Select(p => p.Task).Distinct().Order(StringComparer.Ordinal))
        {
            var mine = points.Where(p => p.Task == task).ToList();
            foreach (var (measure, pick) in new (string, Func<FusionPoint, double>)[] { ("clean test accuracy", p => p.Accuracy), ("relative robustness (area ÷ clean)", p => p.Robustness) })
            {
                panels.Add(Panel(mine, task, measure, pick, "fused width D (log₂)", p => p.OutputDim));
                panels.Add(Panel(mine, task, measure, pick, "forward FLOPs per sample (log₂)", p => p.Flops));
            }
        }
        return panels;
    }

    private static Plot Panel(List<FusionPoint> points, string task, string measure, Func<FusionPoint, double> y, string xLabel, Func<FusionPoint, double> x)
    {
        var plot = FigureStyle.Panel($"Complexity dial · {task}", xLabel, measure);
        var families = points.GroupBy(p => Family(p.Fusion)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var names = families.Select(g => g.Key).ToList();
        foreach (var family in families)
        {
            var ordered = family.OrderBy(x).ToArray();
            var line = plot.Add.Scatter(ordered.Select(p => Math.Log2(x(p))).ToArray(), ordered.Select(y).ToArray(), FigureStyle.ColorOf(family.Key, names));
            line.LegendText = family.Key;
            line.LineWidth = family.Count() > 1 ? 2 : 0;
            line.MarkerSize = 8;
        }
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    /// <summary><c>product:4</c> → family <c>product:k</c>, <c>lmf</c>/<c>lmf:2</c> → <c>lmf:r</c>; other names are their own family.</summary>
    private static string Family(string fusion) => fusion switch
    {
        "lmf" => "lmf:r",
        _ when fusion.StartsWith("lmf:", StringComparison.Ordinal) => "lmf:r",
        _ when fusion.StartsWith("product:", StringComparison.Ordinal) => "product:k",
        _ => fusion,
    };
}
