using System.Text;
using SuperFuse.Data;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Data;

public sealed class SafetensorsReaderTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>A safetensors file written from the format description: header length, JSON header, raw data.</summary>
    private string Write(string header, byte[] data)
    {
        var json = Encoding.UTF8.GetBytes(header);
        string path = dir.File("x.safetensors");
        File.WriteAllBytes(path, [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. data]);
        return path;
    }

    private static byte[] Floats(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void Reads_float32_embeddings_and_int64_labels()
    {
        // 4 rows: text 4×2 F32 (32 bytes), image 4×1 F16 (8 bytes), label 4 I64 (32 bytes).
        var text = Floats(1, 2, 3, 4, 5, 6, 7, 8);
        var image = new[] { 1f, 2f, 3f, 4f }.SelectMany(f => BitConverter.GetBytes((Half)f)).ToArray();
        var label = new long[] { 0, 1, 0, 1 }.SelectMany(BitConverter.GetBytes).ToArray();
        string path = Write("""
            {"__metadata__": {"format": "pt"},
             "text": {"dtype": "F32", "shape": [4, 2], "data_offsets": [0, 32]},
             "image": {"dtype": "F16", "shape": [4, 1], "data_offsets": [32, 40]},
             "label": {"dtype": "I64", "shape": [4], "data_offsets": [40, 72]}}
            """, [.. text, .. image, .. label]);
        var data = DatasetLoader.Load(path);
        Assert.Equal((4, 2, 1), (data.Count, data.TextDim, data.ImageDim));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], data.Text);
        Assert.Equal([1f, 2f, 3f, 4f], data.Image);
        Assert.Equal([0, 1, 0, 1], data.Labels);
    }

    [Fact]
    public void A_missing_tensor_and_a_bad_range_are_clear_errors()
    {
        string path = Write("""{"text": {"dtype": "F32", "shape": [1, 1], "data_offsets": [0, 4]}}""", Floats(1));
        Assert.Contains("no tensor 'image'", Assert.Throws<UserInputException>(() => DatasetLoader.Load(path)).Message, StringComparison.Ordinal);
        path = Write("""{"text": {"dtype": "F32", "shape": [2, 2], "data_offsets": [0, 64]}, "image": {}, "label": {}}""", Floats(1));
        Assert.Contains("byte range", Assert.Throws<UserInputException>(() => DatasetLoader.Load(path)).Message, StringComparison.Ordinal);
    }
}
