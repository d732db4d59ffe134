using System.Text;

namespace SuperFuse.Tests.Support;

/// <summary>A minimal Thrift compact-protocol writer, enough for Parquet's footer and page headers.</summary>
internal sealed class ThriftCompact
{
    public const byte I32 = 5, I64 = 6, Binary = 8, List = 9, Struct = 12;
    private readonly List<byte> bytes = [];
    private readonly Stack<short> lastIds = new();
    private short lastId;

    public byte[] ToArray() => bytes.ToArray();

    public ThriftCompact Field(short id, byte type)
    {
        int delta = id - lastId;
        if (delta is > 0 and <= 15) bytes.Add((byte)((delta << 4) | type));
        else { bytes.Add(type); Varint(ZigZag(id)); }
        lastId = id;
        return this;
    }

    public ThriftCompact I32Field(short id, int value) { Field(id, I32); Varint(ZigZag(value)); return this; }

    public ThriftCompact I64Field(short id, long value) { Field(id, I64); Varint(ZigZag(value)); return this; }

    public ThriftCompact StringField(short id, string value) { Field(id, Binary); String(value); return this; }

    public ThriftCompact BeginStruct(short id) { Field(id, Struct); return Begin(); }

    /// <summary>Starts a struct that is a list element (no field header).</summary>
    public ThriftCompact Begin() { lastIds.Push(lastId); lastId = 0; return this; }

    public ThriftCompact End() { bytes.Add(0); lastId = lastIds.Count > 0 ? lastIds.Pop() : (short)0; return this; }

    public ThriftCompact ListHeader(short id, byte elementType, int count)
    {
        Field(id, List);
        if (count < 15) bytes.Add((byte)((count << 4) | elementType));
        else { bytes.Add((byte)(0xF0 | elementType)); Varint((ulong)count); }
        return this;
    }

    public ThriftCompact I32Element(int value) { Varint(ZigZag(value)); return this; }

    public ThriftCompact String(string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Varint((ulong)utf8.Length);
        bytes.AddRange(utf8);
        return this;
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private void Varint(ulong v)
    {
        while (v >= 0x80) { bytes.Add((byte)(v | 0x80)); v >>= 7; }
        bytes.Add((byte)v);
    }
}
