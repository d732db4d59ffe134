using System.Buffers.Binary;

namespace SuperFuse.Data;

/// <summary>The numpy dtypes SuperFuse reads: float16/32/64, signed and unsigned integers, and bool.</summary>
internal sealed record NpyDtype(char Kind, int Size, bool BigEndian)
{
    /// <summary>Parses a descr such as <c>&lt;f4</c>, <c>|b1</c> or <c>&gt;i8</c>, or returns null if unsupported.</summary>
    public static NpyDtype? Parse(string descr)
    {
        if (descr.Length < 3 || !"<>|=".Contains(descr[0], StringComparison.Ordinal)) return null;
        char kind = descr[1];
        if (!int.TryParse(descr.AsSpan(2), out int size)) return null;
        bool ok = kind switch
        {
            'f' => size is 2 or 4 or 8,
            'i' or 'u' => size is 1 or 2 or 4 or 8,
            'b' => size == 1,
            _ => false,
        };
        return ok ? new NpyDtype(kind, size, descr[0] == '>') : null;
    }

    /// <summary>True for float kinds.</summary>
    public bool IsFloating => Kind == 'f';

    /// <summary>Reads element <paramref name="index"/> of <paramref name="raw"/> as a float.</summary>
    public float ReadFloat(ReadOnlySpan<byte> raw, long index)
    {
        var at = raw.Slice(checked((int)(index * Size)), Size);
        return Size switch
        {
            2 => (float)(BigEndian ? BinaryPrimitives.ReadHalfBigEndian(at) : BinaryPrimitives.ReadHalfLittleEndian(at)),
            4 => BigEndian ? BinaryPrimitives.ReadSingleBigEndian(at) : BinaryPrimitives.ReadSingleLittleEndian(at),
            _ => (float)(BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(at) : BinaryPrimitives.ReadDoubleLittleEndian(at)),
        };
    }

    /// <summary>Reads element <paramref name="index"/> of <paramref name="raw"/> as an integer (bool → 0/1).</summary>
    public long ReadInteger(ReadOnlySpan<byte> raw, long index)
    {
        var at = raw.Slice(checked((int)(index * Size)), Size);
        if (Kind == 'b') return at[0] != 0 ? 1 : 0;
        ulong bits = Size switch
        {
            1 => at[0],
            2 => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(at) : BinaryPrimitives.ReadUInt16LittleEndian(at),
            4 => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(at) : BinaryPrimitives.ReadUInt32LittleEndian(at),
            _ => BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(at) : BinaryPrimitives.ReadUInt64LittleEndian(at),
        };
        return Kind == 'u' ? (long)bits : SignExtend(bits, Size);
    }

    private static long SignExtend(ulong bits, int size)
    {
        int shift = 64 - (size * 8);
        return (long)(bits << shift) >> shift;
    }
}
