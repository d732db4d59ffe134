using System.Buffers;
using System.Text;

namespace SuperFuse.Encoders;

/// <summary>One field of a protobuf message: where its bytes are within the message.</summary>
internal readonly record struct ProtoField(int Number, int WireType, int Start, int PayloadStart, int End)
{
    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> message) => message[Start..End];

    public ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> message) => message[PayloadStart..End];
}

/// <summary>Walks the top-level fields of a protobuf message (wire format only, no schema).</summary>
internal static class ProtoReader
{
    public static List<ProtoField> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<ProtoField>();
        int pos = 0;
        while (pos < message.Length)
        {
            int start = pos;
            ulong key = Varint(message, ref pos);
            int wire = (int)(key & 7), number = (int)(key >> 3);
            int payload = pos;
            switch (wire)
            {
                case 0: Varint(message, ref pos); break;
                case 1: pos += 8; break;
                case 2:
                    long length = (long)Varint(message, ref pos);
                    payload = pos;
                    pos = checked((int)(pos + length));
                    break;
                case 5: pos += 4; break;
                default: throw new InvalidDataException($"protobuf wire type {wire} at byte {start} is not supported");
            }
            if (pos > message.Length) throw new InvalidDataException($"protobuf field {number} at byte {start} runs past the end");
            fields.Add(new ProtoField(number, wire, start, payload, pos));
        }
        return fields;
    }

    /// <summary>The varint that starts at <paramref name="pos"/>.</summary>
    public static long VarintAt(ReadOnlySpan<byte> data, int pos) => (long)Varint(data, ref pos);

    /// <summary>The varints of a packed repeated field's payload.</summary>
    public static List<long> PackedVarints(ReadOnlySpan<byte> payload)
    {
        var values = new List<long>();
        int pos = 0;
        while (pos < payload.Length) values.Add((long)Varint(payload, ref pos));
        return values;
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (pos >= data.Length) throw new InvalidDataException("protobuf varint runs past the end");
            byte b = data[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("protobuf varint is too long");
    }
}

/// <summary>Writes protobuf fields.</summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new();

    public void Raw(ReadOnlySpan<byte> bytes) => buffer.Write(bytes);

    public void Message(int number, ReadOnlySpan<byte> payload)
    {
        Varint((ulong)number << 3 | 2);
        Varint((ulong)payload.Length);
        buffer.Write(payload);
    }

    public void String(int number, string value) => Message(number, Encoding.UTF8.GetBytes(value));

    public void Int(int number, long value)
    {
        Varint((ulong)number << 3);
        Varint((ulong)value);
    }

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Write([(byte)(value | 0x80)]);
            value >>= 7;
        }
        buffer.Write([(byte)value]);
    }
}
