using SuperFuse.Experiments;
using SuperFuse.Fusion;
using SuperFuse.Robustness;

namespace SuperFuse.Reporting;

/// <summary>One fusion of one study, summarised at its largest training size (means over seeds).</summary>
/// <param name="Fusion">Fusion name.</param>
/// <param name="Task">Task.</param>
/// <param name="Size">Training size.</param>
/// <param name="OutputDim">Fused width D.</param>
/// <param name="Flops">Forward FLOPs per sample of fusion + first layer, ≈ 2·(fusion weights + D·H) + D.</param>
/// <param name="Accuracy">Mean clean test accuracy.</param>
/// <param name="Robustness">Mean relative robustness: normalised area under accuracy-vs-α ÷ clean accuracy, averaged over the three conditions.</param>
public sealed record FusionPoint(string Fusion, string Task, int Size, long OutputDim, double Flops, double Accuracy, double Robustness);

/// <summary>Summaries of every fusion of a study for the complexity-dial and frontier figures.</summary>
public static class FusionPoints
{
    /// <summary>Relative robustness of one cell under one condition: 1 for a model noise does not touch.</summary>
    public static double RelativeArea(CellRecord cell, NoiseCondition condition)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var (alphas, accuracy) = ResultTables.Curve(cell, condition);
        return RobustnessSummary.Of(alphas, accuracy, cell.MajorityAccuracy).Area / accuracy[0];
    }

    /// <summary>One point per (task, fusion) at the fusion's largest size; widths are the data's.</summary>
    public static IReadOnlyList<FusionPoint> Of(IReadOnlyList<CellRecord> cells, int textDim, int imageDim, int hidden)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var points = new List<FusionPoint>();
        foreach (var group in cells.GroupBy(c => (c.Task, c.Fusion)))
        {
            int size = group.Max(c => c.Size);
            var at = group.Where(c => c.Size == size).ToList();
            var fusion = FusionRegistry.Get(group.Key.Fusion);
            long d = fusion.OutputDim(textDim, imageDim);
            double flops = 2.0 * (fusion.ParameterCount(textDim, imageDim) + d * hidden) + d;
            double robustness = at.Average(c => Enum.GetValues<NoiseCondition>().Average(k => RelativeArea(c, k)));
            points.Add(new FusionPoint(group.Key.Fusion, group.Key.Task, size, d, flops, at.Average(c => c.TestAccuracy), robustness));
        }
        return points;
    }
}
