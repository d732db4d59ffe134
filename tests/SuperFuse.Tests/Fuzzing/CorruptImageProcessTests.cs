using SkiaSharp;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Fuzzing;

/// <summary>
/// Damaged images go through native decoders (SkiaSharp), which an in-process test cannot survive if they crash, so
/// they go through the real tool in a subprocess with a time limit: <c>superfuse embed --skip-bad</c> over a folder of
/// seeded mutants of PNG and JPEG files must finish with exit 0, list the rows it skipped, and print no stack trace.
/// </summary>
public sealed class CorruptImageProcessTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static byte[] Encoded(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(48, 40, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (int y = 0; y < 40; y++)
        {
            for (int x = 0; x < 48; x++) bitmap.SetPixel(x, y, new SKColor((byte)(x * 5), (byte)(y * 6), (byte)(x ^ y), 255));
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    [Fact]
    public void Embedding_a_folder_of_damaged_images_skips_them_and_never_crashes()
    {
        var random = new Random(20261205);
        var rows = new List<string> { "file_name,text,label" };
        var originals = new[] { (Ext: "png", Bytes: Encoded(SKEncodedImageFormat.Png)), (Ext: "jpg", Bytes: Encoded(SKEncodedImageFormat.Jpeg)) };
        for (int k = 0; k < 80; k++)
        {
            var (ext, bytes) = originals[k % 2];
            var (damaged, _) = Mutator.Mutate(bytes, random);
            string name = $"img{k}.{ext}";
            Directory.CreateDirectory(dir.File("set"));
            File.WriteAllBytes(dir.File($"set/{name}"), damaged);
            rows.Add($"{name},tweet number {k},{(k % 3 == 0 ? "negative" : "positive")}");
        }
        File.WriteAllLines(dir.File("set/metadata.csv"), rows);
        var (exit, stdout, stderr) = SuperfuseProcess.Run(["embed", "--dataset", dir.File("set"), "--out", dir.File("out.parquet"), "--skip-bad", "--threads", "2"], timeoutSeconds: 240);
        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Contains("embedded", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.File("out.parquet.skipped.tsv")), "no mutant was bad enough to skip: the damage never reached the decoder");
    }
}
