using System.Buffers.Binary;
using System.Globalization;

namespace SuperFuse.Data;

/// <summary>
/// Checks a Parquet file's footer before the Parquet library parses it: the trailing length and magic, and the
/// Thrift compact-protocol structure of the metadata, with every declared length and element count bounded by the
/// bytes that remain. A damaged footer can otherwise declare a list of billions of elements and keep the parser
/// looping on an exhausted buffer.
/// </summary>
internal static class ParquetFooter
{
    private const int MaxDepth = 64;

    /// <summary>Throws a one-line <see cref="UserInputException"/> when the footer of <paramref name="stream"/> is damaged; leaves the stream at 0.</summary>
    public static void Check(Stream stream, string path)
    {
        long length = stream.Length;
        if (length < 12) throw Damaged(path, "the file is too short to hold a Parquet footer");
        var tail = new byte[8];
        stream.Position = length - 8;
        stream.ReadExactly(tail);
        if (tail[4] != 'P' || tail[5] != 'A' || tail[6] != 'R' || tail[7] != '1') throw Damaged(path, "the file does not end in PAR1 (truncated, or not Parquet)");
        int footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footer <= 0 || footer > length - 12) throw Damaged(path, string.Create(CultureInfo.InvariantCulture, $"the footer claims {footer} bytes of a {length}-byte file"));
        var metadata = new byte[footer];
        stream.Position = length - 8 - footer;
        stream.ReadExactly(metadata);
        stream.Position = 0;
        int position = 0;
        if (!Struct(metadata, ref position, 0)) throw Damaged(path, "its metadata is damaged (Thrift structure broken)");
    }

    private static UserInputException Damaged(string path, string why) => new($"{path}: not a readable Parquet file ({why}); expected a complete Parquet file");

    private static bool Struct(ReadOnlySpan<byte> b, ref int p, int depth)
    {
        if (depth > MaxDepth) return false;
        while (true)
        {
            if (p >= b.Length) return false;
            byte header = b[p++];
            if (header == 0) return true;
            if (header >> 4 == 0 && !Varint(b, ref p, out _)) return false;
            if (!Value(b, ref p, header & 0x0F, depth, inField: true)) return false;
        }
    }

    private static bool Value(ReadOnlySpan<byte> b, ref int p, int type, int depth, bool inField)
    {
        switch (type)
        {
            case 1 or 2: return inField || Skip(b, ref p, 1);
            case 3: return Skip(b, ref p, 1);
            case 4 or 5 or 6: return Varint(b, ref p, out _);
            case 7: return Skip(b, ref p, 8);
            case 8: return Varint(b, ref p, out ulong n) && n <= (ulong)(b.Length - p) && Skip(b, ref p, (int)n);
            case 9 or 10: return List(b, ref p, depth);
            case 11: return Map(b, ref p, depth);
            case 12: return Struct(b, ref p, depth + 1);
            default: return false;
        }
    }

    private static bool List(ReadOnlySpan<byte> b, ref int p, int depth)
    {
        if (p >= b.Length) return false;
        byte header = b[p++];
        ulong size = (ulong)(header >> 4);
        if (size == 15 && !Varint(b, ref p, out size)) return false;
        if (size > (ulong)(b.Length - p)) return false;
        for (ulong k = 0; k < size; k++)
        {
            if (!Value(b, ref p, header & 0x0F, depth + 1, inField: false)) return false;
        }
        return true;
    }

    private static bool Map(ReadOnlySpan<byte> b, ref int p, int depth)
    {
        if (!Varint(b, ref p, out ulong size)) return false;
        if (size == 0) return true;
        if (p >= b.Length || size > (ulong)(b.Length - p)) return false;
        byte types = b[p++];
        for (ulong k = 0; k < size; k++)
        {
            if (!Value(b, ref p, types >> 4, depth + 1, inField: false) || !Value(b, ref p, types & 0x0F, depth + 1, inField: false)) return false;
        }
        return true;
    }

    private static bool Skip(ReadOnlySpan<byte> b, ref int p, int n)
    {
        if (n > b.Length - p) return false;
        p += n;
        return true;
    }

    private static bool Varint(ReadOnlySpan<byte> b, ref int p, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (p >= b.Length) return false;
            byte next = b[p++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0) return true;
        }
        return false;
    }
}
