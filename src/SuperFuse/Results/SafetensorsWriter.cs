using System.Globalization;
using System.Text;
using System.Text.Json;
using SuperFuse.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Results;

/// <summary>
/// Writes a module's parameters and buffers as <c>.safetensors</c>: an 8-byte little-endian header length, a JSON
/// header (per tensor: dtype, shape, byte range; plus string metadata), padded with spaces to 8 bytes, then the raw
/// little-endian data in key order. Keys are the module's state-dict names (e.g. <c>project.weight</c>).
/// </summary>
public static class SafetensorsWriter
{
    /// <summary>Saves <paramref name="module"/>'s float32 state to <paramref name="path"/> atomically.</summary>
    public static void Save(nn.Module module, string path, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(metadata);
        var tensors = new List<(string Name, long[] Shape, float[] Values)>();
        foreach (var (name, tensor) in module.state_dict().OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            using var cpu = tensor.detach().to(ScalarType.Float32).cpu().contiguous();
            tensors.Add((name, cpu.shape, cpu.data<float>().ToArray()));
        }
        AtomicFile.Write(path, stream => Write(stream, tensors, metadata));
    }

    private static void Write(Stream stream, List<(string Name, long[] Shape, float[] Values)> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new Dictionary<string, object> { ["__metadata__"] = metadata };
        long offset = 0;
        foreach (var (name, shape, values) in tensors)
        {
            long bytes = values.LongLength * sizeof(float);
            header[name] = new Dictionary<string, object> { ["dtype"] = "F32", ["shape"] = shape, ["data_offsets"] = new[] { offset, offset + bytes } };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        int padded = (json.Length + 7) / 8 * 8;
        stream.Write(BitConverter.IsLittleEndian ? BitConverter.GetBytes((ulong)padded) : throw new PlatformNotSupportedException("big-endian"));
        stream.Write(json);
        for (int k = json.Length; k < padded; k++) stream.WriteByte((byte)' ');
        foreach (var (_, _, values) in tensors) stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Metadata strings describing a SuperFuse model (fusion, widths, classes, hidden width).</summary>
    public static Dictionary<string, string> Describe(string fusion, int textDim, int imageDim, IReadOnlyList<string> classes, int hidden) => new()
    {
        ["format"] = "superfuse",
        ["fusion"] = fusion,
        ["text_dim"] = textDim.ToString(CultureInfo.InvariantCulture),
        ["image_dim"] = imageDim.ToString(CultureInfo.InvariantCulture),
        ["classes"] = string.Join(",", classes),
        ["hidden"] = hidden.ToString(CultureInfo.InvariantCulture),
    };
}
