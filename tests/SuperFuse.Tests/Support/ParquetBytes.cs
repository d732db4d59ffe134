using System.Text;

namespace SuperFuse.Tests.Support;

/// <summary>
/// Writes a Parquet file by hand from the format spec, in the layout pyarrow writes for Hugging Face datasets:
/// two embedding columns as 3-level LIST groups (optional group → repeated group "list" → "element"), one label
/// column, one row group, one uncompressed v1 data page per column, PLAIN values and RLE levels.
/// </summary>
internal static class ParquetBytes
{
    // Parquet physical types and enums (parquet.thrift).
    public const int Boolean = 0, Int32 = 1, Int64 = 2, Float = 4, Double = 5, ByteArray = 6;

    public sealed record Embedding(string Name, int PhysicalType, double[][] Rows, bool NullableElement = true);

    public sealed record Labels(string Name, int PhysicalType, object[] Values);

    public static byte[] Build(Embedding text, Embedding image, Labels labels)
    {
        var file = new List<byte>(Encoding.ASCII.GetBytes("PAR1"));
        var chunks = new List<(string[] Path, int Type, long Offset, int Size, int Values)>();
        foreach (var e in new[] { text, image })
        {
            var page = ListPage(e);
            chunks.Add(([e.Name, "list", "element"], e.PhysicalType, file.Count, page.Length, e.Rows.Sum(r => Math.Max(1, r.Length))));
            file.AddRange(page);
        }
        var labelPage = ScalarPage(labels);
        chunks.Add(([labels.Name], labels.PhysicalType, file.Count, labelPage.Length, labels.Values.Length));
        file.AddRange(labelPage);
        var footer = Footer(text, image, labels, chunks, labels.Values.Length);
        file.AddRange(footer);
        file.AddRange(BitConverter.GetBytes(footer.Length));
        file.AddRange(Encoding.ASCII.GetBytes("PAR1"));
        return file.ToArray();
    }

    private static byte[] ListPage(Embedding e)
    {
        var rep = new List<int>();
        var def = new List<int>();
        var values = new List<double>();
        int full = e.NullableElement ? 3 : 2;
        foreach (var row in e.Rows)
        {
            if (row.Length == 0) { rep.Add(0); def.Add(1); continue; }
            for (int k = 0; k < row.Length; k++) { rep.Add(k == 0 ? 0 : 1); def.Add(full); values.Add(row[k]); }
        }
        var body = new List<byte>();
        body.AddRange(Levels(rep, 1));
        body.AddRange(Levels(def, full));
        body.AddRange(Plain(e.PhysicalType, values.Cast<object>()));
        return Page(rep.Count, body.ToArray());
    }

    private static byte[] ScalarPage(Labels labels)
    {
        var body = new List<byte>();
        body.AddRange(Levels(labels.Values.Select(_ => 1).ToList(), 1));
        body.AddRange(Plain(labels.PhysicalType, labels.Values));
        return Page(labels.Values.Length, body.ToArray());
    }

    private static byte[] Page(int numValues, byte[] body)
    {
        var header = new ThriftCompact()
            .I32Field(1, 0).I32Field(2, body.Length).I32Field(3, body.Length)
            .BeginStruct(5).I32Field(1, numValues).I32Field(2, 0).I32Field(3, 3).I32Field(4, 3).End()
            .End().ToArray();
        return [.. header, .. body];
    }

    /// <summary>RLE/bit-packed hybrid with only RLE runs, prefixed by its 4-byte length (v1 pages).</summary>
    private static byte[] Levels(List<int> levels, int max)
    {
        int width = 32 - int.LeadingZeroCount(max);
        int valueBytes = (width + 7) / 8;
        var runs = new List<byte>();
        for (int k = 0; k < levels.Count;)
        {
            int end = k;
            while (end < levels.Count && levels[end] == levels[k]) end++;
            for (ulong header = (ulong)(end - k) << 1; ; header >>= 7)
            {
                if (header < 0x80) { runs.Add((byte)header); break; }
                runs.Add((byte)(header | 0x80));
            }
            for (int b = 0; b < valueBytes; b++) runs.Add((byte)(levels[k] >> (8 * b)));
            k = end;
        }
        return [.. BitConverter.GetBytes(runs.Count), .. runs];
    }

    private static byte[] Plain(int type, IEnumerable<object> values)
    {
        var list = values.ToList();
        if (type == Boolean)
        {
            var packed = new byte[(list.Count + 7) / 8];
            for (int k = 0; k < list.Count; k++) if ((bool)list[k]) packed[k / 8] |= (byte)(1 << (k % 8));
            return packed;
        }
        return list.SelectMany(v => type switch
        {
            Float => BitConverter.GetBytes(Convert.ToSingle(v, System.Globalization.CultureInfo.InvariantCulture)),
            Double => BitConverter.GetBytes(Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)),
            Int32 => BitConverter.GetBytes(Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)),
            Int64 => BitConverter.GetBytes(Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)),
            _ => [.. BitConverter.GetBytes(Encoding.UTF8.GetByteCount((string)v)), .. Encoding.UTF8.GetBytes((string)v)],
        }).ToArray();
    }

    private static byte[] Footer(Embedding text, Embedding image, Labels labels,
        List<(string[] Path, int Type, long Offset, int Size, int Values)> chunks, int rows)
    {
        var t = new ThriftCompact().I32Field(1, 1).ListHeader(2, ThriftCompact.Struct, 8);
        SchemaElement(t, null, null, "schema", 3, null);
        foreach (var e in new[] { text, image })
        {
            SchemaElement(t, null, 1, e.Name, 1, 3);
            SchemaElement(t, null, 2, "list", 1, null);
            SchemaElement(t, e.PhysicalType, e.NullableElement ? 1 : 0, "element", null, null);
        }
        SchemaElement(t, labels.PhysicalType, 1, labels.Name, null, labels.PhysicalType == ByteArray ? 0 : null);
        t.I64Field(3, rows).ListHeader(4, ThriftCompact.Struct, 1).Begin().ListHeader(1, ThriftCompact.Struct, chunks.Count);
        foreach (var c in chunks)
        {
            t.Begin().I64Field(2, c.Offset).BeginStruct(3).I32Field(1, c.Type)
                .ListHeader(2, ThriftCompact.I32, 2).I32Element(0).I32Element(3)
                .ListHeader(3, ThriftCompact.Binary, c.Path.Length);
            foreach (var p in c.Path) t.String(p);
            t.I32Field(4, 0).I64Field(5, c.Values).I64Field(6, c.Size).I64Field(7, c.Size).I64Field(9, c.Offset).End().End();
        }
        t.I64Field(2, chunks.Sum(c => (long)c.Size)).I64Field(3, rows).End();
        return t.End().ToArray();
    }

    private static void SchemaElement(ThriftCompact t, int? type, int? repetition, string name, int? children, int? converted)
    {
        t.Begin();
        if (type is int ty) t.I32Field(1, ty);
        if (repetition is int r) t.I32Field(3, r);
        t.StringField(4, name);
        if (children is int n) t.I32Field(5, n);
        if (converted is int cv) t.I32Field(6, cv);
        t.End();
    }
}
