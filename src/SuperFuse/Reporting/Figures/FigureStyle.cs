using ScottPlot;

namespace SuperFuse.Reporting.Figures;

/// <summary>Colours and sizes shared by every figure: concat blue, product green, tensor red, as in the paper.</summary>
public static class FigureStyle
{
    /// <summary>Pixel size of one panel.</summary>
    public const int PanelWidth = 560, PanelHeight = 420;

    /// <summary>
    /// About how wide a panel's data area is, in pixels (the panel less its y-axis label, tick labels and margins; ScottPlot's
    /// layout decides the exact width), for choosing which tick labels fit.
    /// </summary>
    public const double PlotAreaWidth = PanelWidth - 110;

    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["concat"] = "#1f77b4",
        ["product"] = "#2ca02c",
        ["tensor"] = "#d62728",
        ["tfn"] = "#9467bd",
    };

    private static readonly string[] Others = ["#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The colour of a fusion, the same in every figure.</summary>
    public static Color ColorOf(string fusion, IReadOnlyList<string> allFusions)
    {
        ArgumentNullException.ThrowIfNull(allFusions);
        if (Known.TryGetValue(fusion, out var hex)) return Color.FromHex(hex);
        int k = allFusions.Where(f => !Known.ContainsKey(f)).ToList().IndexOf(fusion);
        return Color.FromHex(Others[Math.Max(0, k) % Others.Length]);
    }

    /// <summary>
    /// The fusion colour mixed with white by <paramref name="shade"/> ∈ [0, 1]: 0 = palest, 1 = full colour
    /// (Figure 2: darker lines = larger training sizes).
    /// </summary>
    public static Color Shade(Color color, double shade)
    {
        double keep = 0.25 + (0.75 * shade);
        byte Mix(byte c) => (byte)Math.Round(255 - ((255 - c) * keep));
        return new Color(Mix(color.R), Mix(color.G), Mix(color.B));
    }

    /// <summary>A new panel with the shared fonts and a white background.</summary>
    public static Plot Panel(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, 16);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        return plot;
    }
}
