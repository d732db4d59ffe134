using System.Globalization;

namespace SuperFuse.Data;

/// <summary>
/// Reads embeddings from CSV (strict UTF-8, RFC 4180 quoting). Each embedding is either one column per value
/// (<c>text_0, text_1, …</c>) or one column holding a list (<c>"[0.1, 0.2, …]"</c>, as pandas writes a list column).
/// Labels are integers (classes 0..C−1) or strings (classes in ordinal order).
/// </summary>
public static class CsvDatasetReader
{
    /// <summary>Reads the named fields of <paramref name="path"/>.</summary>
    public static PairedDataset ReadDataset(string path, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var table = CsvFile.Parse(TextFiles.ReadUtf8(path), path);
        var (text, textDim) = Matrix(table, names.Text, path);
        var (image, imageDim) = Matrix(table, names.Image, path);
        int label = table.Header.ToList().IndexOf(names.Label);
        if (label < 0) throw Missing(path, names.Label, table.Header);
        var raw = table.Rows.Select(r => r[label]).ToArray();
        var (labels, classes) = raw.All(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            ? LabelEncoding.FromIntegers(raw.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray(), path, names.Label)
            : LabelEncoding.FromStrings(raw, path, names.Label);
        var data = new PairedDataset(text, image, labels, textDim, imageDim, classes, path) { Splits = Splits(table, names.Split, path) };
        DatasetValidator.Validate(data, names.Text, names.Image, names.Label);
        return data;
    }

    private static int[]? Splits(CsvFile table, string? field, string path)
    {
        if (field is null) return null;
        int column = table.Header.ToList().IndexOf(field);
        if (column < 0) throw Missing(path, field, table.Header);
        return SplitCodes.FromStrings(table.Rows.Select(r => r[column]).ToArray(), path, field);
    }

    private static (float[] Values, int Dim) Matrix(CsvFile table, string field, string path)
    {
        var header = table.Header.ToList();
        int single = header.IndexOf(field);
        var columns = single >= 0 ? [single]
            : Enumerable.Range(0, int.MaxValue).Select(j => header.IndexOf($"{field}_{j.ToString(CultureInfo.InvariantCulture)}")).TakeWhile(k => k >= 0).ToArray();
        if (columns.Length == 0) throw Missing(path, field, table.Header);
        var rows = table.Rows.Select((r, k) => Row(r, columns, single >= 0, path, field, k + 2)).ToList();
        int dim = rows.Count > 0 ? rows[0].Length : 0;
        int bad = rows.FindIndex(r => r.Length != dim);
        if (bad >= 0)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: line {bad + 2} field '{field}' has {rows[bad].Length} values but line 2 has {dim}; expected equal-length embeddings"));
        }
        return (rows.SelectMany(r => r).ToArray(), dim);
    }

    private static float[] Row(string[] row, int[] columns, bool list, string path, string field, int line)
    {
        var cells = list ? row[columns[0]].Trim().TrimStart('[').TrimEnd(']').Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : columns.Select(c => row[c]).ToArray();
        return cells.Select(c => float.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v
            : throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {line} field '{field}' holds '{c}'; expected a number"))).ToArray();
    }

    private static UserInputException Missing(string path, string field, IReadOnlyList<string> header) =>
        new($"{path}: has no column '{field}' or '{field}_0', '{field}_1', … (columns: {string.Join(", ", header.Take(12))}{(header.Count > 12 ? ", …" : "")}); expected the embedding and label columns");
}
