using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SuperFuse.Tests.Support;

/// <summary>
/// Writes .npy bytes by hand from the format spec (NEP 1): magic, version, little-endian header length, a Python dict
/// literal padded with spaces to a multiple of 64 and ending in a newline, then the raw data.
/// </summary>
internal static class NpyBytes
{
    public static byte[] Build(string descr, int[] shape, byte[] data, bool fortran = false, int major = 1)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': ({dims}), }}";
        int prefix = 6 + 2 + (major == 1 ? 2 : 4);
        int total = (prefix + dict.Length + 1 + 63) / 64 * 64;
        string header = dict.PadRight(total - prefix - 1) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.Add((byte)major);
        bytes.Add(0);
        if (major == 1) bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        else bytes.AddRange(BitConverter.GetBytes((uint)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    /// <summary>Encodes values in the layout of a numpy dtype ('&lt;f2', '&gt;f8', '&lt;i4', '|b1', …).</summary>
    public static byte[] Encode(string descr, IEnumerable<double> values)
    {
        bool big = descr[0] == '>';
        int size = int.Parse(descr.AsSpan(2), CultureInfo.InvariantCulture);
        var result = new List<byte>();
        foreach (double v in values)
        {
            var b = new byte[size];
            switch (descr[1], size)
            {
                case ('f', 2): if (big) BinaryPrimitives.WriteHalfBigEndian(b, (Half)v); else BinaryPrimitives.WriteHalfLittleEndian(b, (Half)v); break;
                case ('f', 4): if (big) BinaryPrimitives.WriteSingleBigEndian(b, (float)v); else BinaryPrimitives.WriteSingleLittleEndian(b, (float)v); break;
                case ('f', 8): if (big) BinaryPrimitives.WriteDoubleBigEndian(b, v); else BinaryPrimitives.WriteDoubleLittleEndian(b, v); break;
                case ('b', 1): b[0] = v != 0 ? (byte)1 : (byte)0; break;
                default: WriteInteger(b, (long)v, big); break;
            }
            result.AddRange(b);
        }
        return result.ToArray();
    }

    private static void WriteInteger(byte[] b, long v, bool big)
    {
        for (int k = 0; k < b.Length; k++)
        {
            byte part = (byte)(v >> (8 * k));
            b[big ? b.Length - 1 - k : k] = part;
        }
    }
}
