using SkiaSharp;

namespace SuperFuse.Tests.Support;

/// <summary>Small generated images for encoder tests.</summary>
internal static class TestImages
{
    /// <summary>Writes a w × h PNG with a colour gradient and returns its path.</summary>
    public static string Png(TempDir dir, string name, int w, int h)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++) bitmap.SetPixel(x, y, new SKColor((byte)(x * 255 / w), (byte)(y * 255 / h), (byte)((x + y) % 256), 255));
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        string path = dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
