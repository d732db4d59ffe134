using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace SuperFuse.Data;

/// <summary>
/// Reads a <c>.safetensors</c> file (an 8-byte little-endian header length, a JSON header naming each tensor's dtype,
/// shape and byte range, then raw little-endian data) into a <see cref="PairedDataset"/>: float tensors
/// (F16, BF16, F32, F64) for the embeddings, an integer or bool tensor for the labels.
/// </summary>
public static class SafetensorsReader
{
    /// <summary>Reads the named tensors of <paramref name="path"/>.</summary>
    public static PairedDataset ReadDataset(string path, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8) throw Bad(path, "the file is shorter than its 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8)) throw Bad(path, $"the header claims {headerLength} bytes but the file has {bytes.Length - 8}");
        JsonElement header;
        try
        {
            header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength)).RootElement;
        }
        catch (JsonException e)
        {
            throw Bad(path, $"the header is not JSON ({e.Message})");
        }
        var data = bytes.AsMemory(8 + (int)headerLength);
        return ArrayDataset.FromArrays(Read(path, header, data.Span, names.Text), Read(path, header, data.Span, names.Image),
            Read(path, header, data.Span, names.Label), path, names, names.Split is string s ? Read(path, header, data.Span, s) : null);
    }

    private static NpyArray Read(string path, JsonElement header, ReadOnlySpan<byte> data, string name)
    {
        if (!header.TryGetProperty(name, out var info))
        {
            var found = header.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__");
            throw new UserInputException($"{path}: has no tensor '{name}' (tensors: {string.Join(", ", found)}); expected it to exist");
        }
        string dtype = info.GetProperty("dtype").GetString() ?? "";
        int[] shape = info.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        long[] range = info.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        int width = Width(dtype, path, name);
        if (range.Length != 2 || range[0] < 0 || range[1] > data.Length || range[1] - range[0] != count * width)
        {
            throw Bad(path, string.Create(CultureInfo.InvariantCulture, $"tensor '{name}' has byte range [{string.Join(", ", range)}] that does not fit its shape or the file"));
        }
        var raw = data.Slice((int)range[0], (int)(range[1] - range[0]));
        string source = $"{path}:{name}";
        return dtype is "F16" or "BF16" or "F32" or "F64"
            ? new NpyArray(source, dtype, shape, Floats(raw, dtype, count), null)
            : new NpyArray(source, dtype, shape, null, Integers(raw, dtype, count));
    }

    private static int Width(string dtype, string path, string name) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" => 1,
        _ => throw new UserInputException($"{path}: tensor '{name}' has dtype '{dtype}'; expected F16, BF16, F32, F64, an integer type or BOOL"),
    };

    private static float[] Floats(ReadOnlySpan<byte> raw, string dtype, long count)
    {
        var values = new float[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = dtype switch
            {
                "F64" => (float)BinaryPrimitives.ReadDoubleLittleEndian(raw[(k * 8)..]),
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(raw[(k * 4)..]),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(raw[(k * 2)..]),
                _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(raw[(k * 2)..]) << 16),
            };
        }
        return values;
    }

    private static long[] Integers(ReadOnlySpan<byte> raw, string dtype, long count)
    {
        var values = new long[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = dtype switch
            {
                "I64" => BinaryPrimitives.ReadInt64LittleEndian(raw[(k * 8)..]),
                "U64" => (long)BinaryPrimitives.ReadUInt64LittleEndian(raw[(k * 8)..]),
                "I32" => BinaryPrimitives.ReadInt32LittleEndian(raw[(k * 4)..]),
                "U32" => BinaryPrimitives.ReadUInt32LittleEndian(raw[(k * 4)..]),
                "I16" => BinaryPrimitives.ReadInt16LittleEndian(raw[(k * 2)..]),
                "U16" => BinaryPrimitives.ReadUInt16LittleEndian(raw[(k * 2)..]),
                "I8" => (sbyte)raw[k],
                _ => raw[k],
            };
        }
        return values;
    }

    private static UserInputException Bad(string path, string why) =>
        new($"{path}: not a valid .safetensors file ({why}); expected an 8-byte header length, a JSON header and the tensor data");
}
