using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace SuperFuse.Data;

/// <summary>
/// Reads the NumPy <c>.npy</c> format (versions 1–3): a magic string, a header that is a Python dict literal with
/// <c>descr</c>, <c>fortran_order</c> and <c>shape</c>, then the raw data. Fortran-order data is reordered to C order.
/// </summary>
public static partial class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a <c>.npy</c> file.</summary>
    public static NpyArray ReadFile(string path)
    {
        using var stream = DataFiles.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a <c>.npy</c> stream; <paramref name="source"/> names it in errors.</summary>
    public static NpyArray Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string header = ReadHeader(stream, source);
        string descr = Field(DescrRegex(), header, source, "descr");
        bool fortran = Field(FortranRegex(), header, source, "fortran_order") == "True";
        int[] shape = ParseShape(Field(ShapeRegex(), header, source, "shape"), source);
        var dtype = NpyDtype.Parse(descr) ?? throw new UserInputException(
            $"{source}: dtype '{descr}' is not supported; expected float16/32/64, an integer or bool");
        long count = shape.Aggregate(1L, (a, b) => a > 0 && b > long.MaxValue / a ? throw Truncated(source, 0, long.MaxValue) : a * b);
        if (descr == "<f4" && !fortran && BitConverter.IsLittleEndian && stream.CanSeek)
        {
            return new NpyArray(source, descr, shape, ReadFloats(stream, count, source), null);
        }
        byte[] raw = ReadExactly(stream, count > long.MaxValue / dtype.Size ? long.MaxValue : count * dtype.Size, source);
        long[] order = fortran ? FortranToC(shape) : [];
        return dtype.IsFloating
            ? new NpyArray(source, descr, shape, Fill(count, order, i => dtype.ReadFloat(raw, i)), null)
            : new NpyArray(source, descr, shape, null, Fill(count, order, i => dtype.ReadInteger(raw, i)));
    }

    /// <summary>
    /// Little-endian float32 in C order, the common case: read straight into the result, with no byte buffer beside it
    /// and no per-element conversion. The file's length vouches for the size first.
    /// </summary>
    private static float[] ReadFloats(Stream stream, long count, string source)
    {
        if (count > Array.MaxLength) throw Truncated(source, 0, count * sizeof(float));
        long available = stream.Length - stream.Position;
        if (available < count * sizeof(float)) throw Truncated(source, available, count * sizeof(float));
        var values = new float[count];
        for (long start = 0; start < count; start += FloatChunk)
        {
            int length = (int)Math.Min(FloatChunk, count - start);
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan((int)start, length)));
        }
        return values;
    }

    private const int FloatChunk = 1 << 24;

    private static string ReadHeader(Stream stream, string source)
    {
        byte[] start = ReadExactly(stream, 8, source);
        if (!start.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new UserInputException($"{source}: not a .npy file (bad magic); expected a NumPy array file");
        }
        int major = start[6];
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lenRaw = ReadExactly(stream, lengthBytes, source);
        int length = lengthBytes == 2 ? BitConverter.ToUInt16(lenRaw) : checked((int)BitConverter.ToUInt32(lenRaw));
        var encoding = major >= 3 ? Encoding.UTF8 : Encoding.Latin1;
        return encoding.GetString(ReadExactly(stream, length, source));
    }

    /// <summary>Reads at most this many bytes with one allocation; larger reads grow as the bytes actually arrive.</summary>
    private const int DirectRead = 1 << 24;

    private static byte[] ReadExactly(Stream stream, long count, string source)
    {
        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        if (available < count) throw Truncated(source, available.Value, count);
        // The file's length vouches for the size; a stream of unknown length (a zip member) grows as bytes arrive.
        if (available is null && count > DirectRead) return ReadGrowing(stream, count, source);
        if (count > Array.MaxLength) throw Truncated(source, 0, count);
        byte[] buffer = new byte[count];
        int got = 0;
        while (got < count)
        {
            int n = stream.Read(buffer, got, (int)(count - got));
            if (n == 0) throw Truncated(source, got, count);
            got += n;
        }
        return buffer;
    }

    // A header may claim more than the file holds (a damaged or lying header): never allocate more than has been read.
    private static byte[] ReadGrowing(Stream stream, long count, string source)
    {
        if (count > Array.MaxLength) throw Truncated(source, 0, count);
        using var bytes = new MemoryStream();
        var chunk = new byte[DirectRead];
        while (bytes.Length < count)
        {
            int n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, count - bytes.Length));
            if (n == 0) throw Truncated(source, bytes.Length, count);
            bytes.Write(chunk, 0, n);
        }
        return bytes.ToArray();
    }

    private static UserInputException Truncated(string source, long got, long count) => new(string.Create(CultureInfo.InvariantCulture,
        $"{source}: file is truncated or its header is damaged ({got} of {count} bytes present); expected a complete .npy array"));

    private static string Field(Regex regex, string header, string source, string key)
    {
        var match = regex.Match(header);
        return match.Success ? match.Groups[1].Value
            : throw new UserInputException($"{source}: .npy header has no valid '{key}'; expected a NumPy header");
    }

    private static int[] ParseShape(string text, string source)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
        {
            if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out shape[k]))
            {
                throw new UserInputException($"{source}: .npy shape '({text})' is not valid; expected whole numbers");
            }
        }
        return shape;
    }

    /// <summary>For each C-order position, the Fortran-order position that holds its value.</summary>
    private static long[] FortranToC(int[] shape)
    {
        long count = shape.Aggregate(1L, (a, b) => a * b);
        var map = new long[count];
        var index = new int[shape.Length];
        for (long c = 0; c < count; c++)
        {
            long f = 0, stride = 1;
            for (int d = 0; d < shape.Length; d++)
            {
                f += index[d] * stride;
                stride *= shape[d];
            }
            map[c] = f;
            for (int d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--) index[d] = 0;
        }
        return map;
    }

    private static T[] Fill<T>(long count, long[] order, Func<long, T> read)
    {
        var values = new T[count];
        for (long k = 0; k < count; k++) values[k] = read(order.Length == 0 ? k : order[k]);
        return values;
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
