using System.Text;
using System.Text.Json;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Tests.Cli;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Results;

/// <summary>
/// <c>train</c> writes model.safetensors; this test reads it with its own few lines (header length, JSON header, raw
/// little-endian floats) and recomputes the test accuracy by hand: concat → Linear → ReLU → Linear → argmax.
/// </summary>
public sealed class SafetensorsExportTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static Dictionary<string, (long[] Shape, float[] Values)> Read(string path, out JsonElement metadata)
    {
        var bytes = File.ReadAllBytes(path);
        int length = (int)BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0, length % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, length));
        metadata = header.RootElement.GetProperty("__metadata__").Clone();
        var tensors = new Dictionary<string, (long[], float[])>();
        foreach (var p in header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__"))
        {
            Assert.Equal("F32", p.Value.GetProperty("dtype").GetString());
            var shape = p.Value.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var range = p.Value.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var values = new float[(range[1] - range[0]) / 4];
            Buffer.BlockCopy(bytes, 8 + length + range[0], values, 0, range[1] - range[0]);
            Assert.Equal(shape.Aggregate(1L, (a, b) => a * b), values.Length);
            tensors[p.Name] = (shape, values);
        }
        return tensors;
    }

    [Fact]
    public void The_exported_weights_reproduce_the_reported_test_accuracy()
    {
        var (exit, stdout, stderr) = CliRunner.Run("train", "--fusion", "concat", "--task", "real", "--size", "64", "--epochs", "5",
            "--builtin-count", "400", "--builtin-dims", "6", "--out", dir.File("m"), "--json");
        Assert.True(exit == 0, stderr);
        double reported = JsonDocument.Parse(stdout).RootElement.GetProperty("test_accuracy").GetDouble();
        var w = Read(dir.File("m/model.safetensors"), out var meta);
        Assert.Equal(["out.bias", "out.weight", "project.bias", "project.weight"], w.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([32L, 12L], w["project.weight"].Shape);
        Assert.Equal([2L, 32L], w["out.weight"].Shape);
        Assert.Equal("concat", meta.GetProperty("fusion").GetString());

        var data = new PreparedData(BuiltinDataset.Generate(new BuiltinOptions(400, 6, 6)), splitSeed: 0);
        int correct = 0;
        foreach (int r in data.Split.Test)
        {
            var x = data.Data.Text.AsSpan(r * 6, 6).ToArray().Concat(data.Data.Image.AsSpan(r * 6, 6).ToArray()).ToArray();
            var h = Enumerable.Range(0, 32).Select(i => Math.Max(0, w["project.bias"].Values[i] + Enumerable.Range(0, 12).Sum(j => w["project.weight"].Values[i * 12 + j] * x[j]))).ToArray();
            var o = Enumerable.Range(0, 2).Select(c => w["out.bias"].Values[c] + Enumerable.Range(0, 32).Sum(i => w["out.weight"].Values[c * 32 + i] * h[i])).ToArray();
            if ((o[1] > o[0] ? 1 : 0) == data.Data.Labels[r]) correct++;
        }
        Assert.Equal(reported, (double)correct / data.Split.Test.Length, 6);
    }
}
