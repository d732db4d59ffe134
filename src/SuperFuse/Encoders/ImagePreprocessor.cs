using SkiaSharp;

namespace SuperFuse.Encoders;

/// <summary>How an image model wants its input: square size, value scale, per-channel mean and std (RGB order).</summary>
/// <param name="Size">Side of the square input (the shorter side is resized to it, then the centre is cropped).</param>
/// <param name="Scale">Multiplier applied to 0–255 pixel values before normalisation (1 for 0–255, 1/255 for 0–1).</param>
/// <param name="Mean">Per-channel mean subtracted after scaling (R, G, B).</param>
/// <param name="Std">Per-channel std divided by after subtracting the mean (R, G, B).</param>
public sealed record ImageOptions(int Size, float Scale, float[] Mean, float[] Std)
{
    /// <summary>ML.NET's ResNet18: 224², raw 0–255 RGB (its own preprocessing model subtracts the channel means).</summary>
    public static ImageOptions Raw224 { get; } = new(224, 1f, [0, 0, 0], [1, 1, 1]);

    /// <summary>ImageNet normalisation on 0–1 values (torchvision models, many ONNX exports).</summary>
    public static ImageOptions ImageNet224 { get; } = new(224, 1f / 255, [0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);
}

/// <summary>
/// Decodes an encoded image (JPEG, PNG, GIF first frame, WebP, BMP: what SkiaSharp decodes), composites transparency
/// onto white, resizes the shorter side to <see cref="ImageOptions.Size"/> (bilinear with mipmaps), centre-crops a
/// square, and writes normalised CHW floats.
/// </summary>
public static class ImagePreprocessor
{
    /// <summary>Fills <paramref name="chw"/> (3 × Size × Size) or returns an error message if the bytes are not an image.</summary>
    public static string? TryPreprocess(ReadOnlySpan<byte> encoded, ImageOptions options, Span<float> chw)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null) return "cannot be decoded as an image";
        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null || bitmap.Width == 0 || bitmap.Height == 0) return "cannot be decoded as an image";
        using var square = Square(bitmap, options.Size);
        Normalise(square, options, chw);
        return null;
    }

    /// <summary>The image resized (shorter side = size) and centre-cropped onto a white size × size canvas.</summary>
    private static SKBitmap Square(SKBitmap source, int size)
    {
        float scale = (float)size / Math.Min(source.Width, source.Height);
        float w = source.Width * scale, h = source.Height * scale;
        var target = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        var dest = SKRect.Create((size - w) / 2, (size - h) / 2, w, h);
        canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        canvas.Flush();
        return target;
    }

    private static void Normalise(SKBitmap square, ImageOptions o, Span<float> chw)
    {
        int plane = o.Size * o.Size;
        var pixels = square.GetPixelSpan();
        for (int p = 0; p < plane; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                chw[c * plane + p] = (pixels[p * 4 + c] * o.Scale - o.Mean[c]) / o.Std[c];
            }
        }
    }
}
