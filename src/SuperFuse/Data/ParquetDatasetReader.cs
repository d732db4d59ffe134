using Parquet;

namespace SuperFuse.Data;

/// <summary>Reads a Parquet file (Hugging Face <c>datasets</c> layout) into a <see cref="PairedDataset"/>.</summary>
public static class ParquetDatasetReader
{
    /// <summary>Reads the named embedding and label columns; string labels become classes in ordinal order.</summary>
    public static PairedDataset ReadDataset(string path, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return ReadAsync(path, names).GetAwaiter().GetResult();
    }

    /// <summary>The default names "text"/"image" fall back to "text_emb"/"image_emb" (what <c>superfuse embed</c> writes).</summary>
    private static FieldNames WithEmbeddingColumns(FieldNames names, ParquetReader reader)
    {
        bool Has(string n) => reader.Schema.Fields.Any(f => f.Name == n);
        var defaults = new FieldNames();
        if (names.Text == defaults.Text && !Has(names.Text) && Has("text_emb")) names = names with { Text = "text_emb" };
        if (names.Image == defaults.Image && !Has(names.Image) && Has("image_emb")) names = names with { Image = "image_emb" };
        return names;
    }

    /// <summary>The class order recorded by <c>superfuse embed</c> (metadata "superfuse".classes), when it covers every label.</summary>
    private static string[]? ClassOrder(ParquetReader reader, string[] labels)
    {
        var classes = EmbeddingParquet.Info(reader)?.Classes;
        return classes is not null && labels.All(classes.Contains) ? classes.ToArray() : null;
    }

    private static async Task<int[]> SplitsAsync(ParquetColumns columns, string path, string field)
    {
        var (ints, strings) = await columns.ReadLabelsAsync(field).ConfigureAwait(false);
        return strings is not null ? SplitCodes.FromStrings(strings, path, field) : SplitCodes.FromIntegers(ints!, path, field);
    }

    private static async Task<PairedDataset> ReadAsync(string path, FieldNames names)
    {
        using var stream = DataFiles.OpenRead(path);
        ParquetFooter.Check(stream, path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException)
        {
            throw new UserInputException($"{path}: not a readable Parquet file ({e.Message}); expected a Parquet file", e);
        }
        await using (reader.ConfigureAwait(false))
        {
            var columns = new ParquetColumns(reader, path);
            names = WithEmbeddingColumns(names, reader);
            var text = await columns.ReadMatrixAsync(names.Text).ConfigureAwait(false);
            var image = await columns.ReadMatrixAsync(names.Image).ConfigureAwait(false);
            var (ints, strings) = await columns.ReadLabelsAsync(names.Label).ConfigureAwait(false);
            var (labels, classes) = strings is not null
                ? LabelEncoding.FromStrings(strings, path, names.Label, ClassOrder(reader, strings))
                : LabelEncoding.FromIntegers(ints!, path, names.Label);
            var data = new PairedDataset(text.Values, image.Values, labels, text.Dim, image.Dim, classes, path)
            {
                Splits = names.Split is string s ? await SplitsAsync(columns, path, s).ConfigureAwait(false) : null,
            };
            DatasetValidator.Validate(data, names.Text, names.Image, names.Label);
            return data;
        }
    }
}
