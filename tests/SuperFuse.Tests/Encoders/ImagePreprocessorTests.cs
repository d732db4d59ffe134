using SkiaSharp;
using SuperFuse.Encoders;

namespace SuperFuse.Tests.Encoders;

public sealed class ImagePreprocessorTests
{
    /// <summary>A 4 × 2 PNG: columns red, transparent red, blue, blue.</summary>
    private static byte[] TinyPng()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4, 2, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < 2; y++)
        {
            bitmap.SetPixel(0, y, new SKColor(255, 0, 0, 255));
            bitmap.SetPixel(1, y, new SKColor(255, 0, 0, 0));
            bitmap.SetPixel(2, y, new SKColor(0, 0, 255, 255));
            bitmap.SetPixel(3, y, new SKColor(0, 0, 255, 255));
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Fact]
    public void A_tiny_image_becomes_the_expected_centre_cropped_normalised_chw_tensor()
    {
        // Shorter side 2 → scale 1; centre crop keeps columns 1 and 2: transparent red over white, then blue.
        var options = new ImageOptions(2, 1f / 255, [0.5f, 0.5f, 0.5f], [0.25f, 0.25f, 0.25f]);
        var chw = new float[3 * 2 * 2];
        Assert.Null(ImagePreprocessor.TryPreprocess(TinyPng(), options, chw));
        float White(float v) => (v / 255 - 0.5f) / 0.25f;
        float[] expected =
        [
            White(255), White(0), White(255), White(0),     // R: white, blue
            White(255), White(0), White(255), White(0),     // G
            White(255), White(255), White(255), White(255), // B
        ];
        Assert.Equal(expected, chw);
    }

    [Fact]
    public void A_raw_resnet_input_keeps_0_to_255_values()
    {
        var chw = new float[3 * 224 * 224];
        Assert.Null(ImagePreprocessor.TryPreprocess(TinyPng(), ImageOptions.Raw224, chw));
        Assert.InRange(chw.Min(), 0f, 255f);
        Assert.InRange(chw.Max(), 0f, 255f);
        // Scaled ×112 and cropped: crop column 56 is inside the white (transparent) column, 168 inside the blue one.
        int plane = 224 * 224, white = 112 * 224 + 56, blue = 112 * 224 + 168;
        Assert.InRange(chw[white], 253f, 255f);
        Assert.InRange(chw[plane + white], 253f, 255f);
        Assert.Equal(0f, chw[blue]);
        Assert.Equal(255f, chw[2 * plane + blue]);
    }

    [Fact]
    public void Bytes_that_are_not_an_image_are_reported()
    {
        var chw = new float[3 * 4];
        Assert.Contains("decoded", ImagePreprocessor.TryPreprocess("not an image"u8, new ImageOptions(2, 1, [0, 0, 0], [1, 1, 1]), chw), StringComparison.Ordinal);
    }
}
