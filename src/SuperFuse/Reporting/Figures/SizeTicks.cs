using System.Globalization;

namespace SuperFuse.Reporting.Figures;

/// <summary>One tick of the training-size axis: its place on the log₂ axis and its label ("" = a tick without one).</summary>
public readonly record struct SizeTick(double Position, string Label);

/// <summary>
/// Ticks for a training-size axis on a log₂ scale: one tick per size, labelled compactly (exact below 10,000, then
/// thousands rounded: 16384 → "16k", 327701 → "328k"), and labels that would overlap left off. The largest size (the
/// full pool) always keeps its label; going down, a label is kept only if it clears the last label kept, so in the
/// paper's grid 262,144 loses its label to 327,701 (0.32 log₂ units apart), while its tick and grid line stay.
/// </summary>
public static class SizeTicks
{
    /// <summary>Approximate width of one label character (DejaVu digits at ScottPlot's tick font, measured on a rendered figure: "8192" ≈ 26 px), in pixels.</summary>
    public const double CharPixels = 6.5;

    /// <summary>Least space left between two neighbouring labels, in pixels.</summary>
    public const double GapPixels = 4;

    /// <summary>The compact label of one size.</summary>
    public static string Label(int size) => size < 10_000
        ? size.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(size / 1000.0, MidpointRounding.AwayFromZero)}k");

    /// <summary>
    /// The ticks for <paramref name="sizes"/> (any order, no duplicates) on an axis <paramref name="axisPixels"/> wide
    /// that spans exactly the sizes' log₂ range, in ascending order of size.
    /// </summary>
    public static IReadOnlyList<SizeTick> Choose(IReadOnlyList<int> sizes, double axisPixels)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        int[] sorted = sizes.Order().ToArray();
        double[] at = sorted.Select(s => Math.Log2(s)).ToArray();
        string[] labels = sorted.Select(Label).ToArray();
        double span = at.Length > 1 ? at[^1] - at[0] : 1;
        var ticks = new SizeTick[at.Length];
        int kept = -1;
        for (int i = at.Length - 1; i >= 0; i--)
        {
            bool clears = kept < 0 || Clears(at[kept] - at[i], labels[i], labels[kept], axisPixels / span);
            ticks[i] = new SizeTick(at[i], clears ? labels[i] : "");
            if (clears) kept = i;
        }
        return ticks;
    }

    private static bool Clears(double distance, string left, string right, double pixelsPerUnit) =>
        distance * pixelsPerUnit >= ((left.Length + right.Length) * CharPixels / 2) + GapPixels;
}
