using System.Globalization;
using System.Text;
using ScottPlot;
using SkiaSharp;
using SuperFuse.IO;

namespace SuperFuse.Reporting.Figures;

/// <summary>Lays panels out in a grid and writes the figure as PNG and SVG.</summary>
public static class PanelGrid
{
    /// <summary>Writes <c>name.png</c> and <c>name.svg</c>; panels fill rows of <paramref name="columns"/>.</summary>
    public static void Save(IReadOnlyList<Plot> panels, int columns, string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(panels);
        OutputFolder.Ensure(folder);
        int rows = (panels.Count + columns - 1) / columns;
        WritePng(panels, columns, rows, Path.Combine(folder, name + ".png"));
        AtomicFile.WriteAllText(Path.Combine(folder, name + ".svg"), Svg(panels, columns, rows));
    }

    private static void WritePng(IReadOnlyList<Plot> panels, int columns, int rows, string path)
    {
        int w = FigureStyle.PanelWidth, h = FigureStyle.PanelHeight;
        using var bitmap = new SKBitmap(w * columns, h * rows);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            for (int k = 0; k < panels.Count; k++)
            {
                using var panel = SKBitmap.Decode(panels[k].GetImageBytes(w, h, ImageFormat.Png));
                canvas.DrawBitmap(panel, k % columns * w, k / columns * h);
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, data.SaveTo);
    }

    private static string Svg(IReadOnlyList<Plot> panels, int columns, int rows)
    {
        int w = FigureStyle.PanelWidth, h = FigureStyle.PanelHeight;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w * columns}\" height=\"{h * rows}\" viewBox=\"0 0 {w * columns} {h * rows}\">\n");
        sb.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (int k = 0; k < panels.Count; k++)
        {
            string inner = panels[k].GetSvgXml(w, h);
            int start = inner.IndexOf("<svg", StringComparison.Ordinal);
            sb.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({k % columns * w},{k / columns * h})\">\n");
            sb.Append(start >= 0 ? inner[start..] : inner).Append("\n</g>\n");
        }
        return sb.Append("</svg>\n").ToString();
    }
}
