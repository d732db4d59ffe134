using ScottPlot;

namespace SuperFuse.Reporting.Figures;

/// <summary>
/// The accuracy–robustness frontier: clean test accuracy (x) against relative robustness (y), one point per fusion
/// and study (e.g. trained clean vs with noise-robust training), fusion = colour, study = marker; one panel per task.
/// </summary>
public static class FrontierFigure
{
    private static readonly MarkerShape[] Shapes = [MarkerShape.FilledCircle, MarkerShape.FilledTriangleUp, MarkerShape.FilledSquare, MarkerShape.FilledDiamond];

    /// <summary>The panels for labelled groups of points (label = the study, e.g. "clean training").</summary>
    public static IReadOnlyList<Plot> Panels(IReadOnlyList<(string Label, IReadOnlyList<FusionPoint> Points)> studies)
    {
        ArgumentNullException.ThrowIfNull(studies);
        var fusions = studies.SelectMany(s => s.Points.Select(p => p.Fusion)).Distinct().ToList();
        var tasks = studies.SelectMany(s => s.Points.Select(p => p.Task)).Distinct().Order(StringComparer.Ordinal);
        return tasks.Select(task =>
        {
            var plot = FigureStyle.Panel($"Accuracy–robustness frontier · {task}", "clean test accuracy", "relative robustness (area ÷ clean)");
            for (int s = 0; s < studies.Count; s++)
            {
                foreach (var p in studies[s].Points.Where(p => p.Task == task))
                {
                    var marker = plot.Add.Marker(p.Accuracy, p.Robustness, Shapes[s % Shapes.Length], 11, FigureStyle.ColorOf(p.Fusion, fusions));
                    marker.LegendText = $"{p.Fusion} · {studies[s].Label}";
                }
            }
            plot.ShowLegend(Edge.Bottom);
            return plot;
        }).ToList();
    }
}
