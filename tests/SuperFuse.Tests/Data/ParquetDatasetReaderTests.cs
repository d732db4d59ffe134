using SuperFuse.Data;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Data;

public sealed class ParquetDatasetReaderTests
{
    private static readonly double[][] TextRows = [[1, 2, 3], [4, 5, 6]];
    private static readonly double[][] ImageRows = [[0.5, -1, 2], [3, 0.25, -4]];

    private static PairedDataset Load(byte[] bytes, FieldNames? names = null)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("d.parquet"), bytes);
        return DatasetLoader.Load(dir.File("d.parquet"), names ?? new FieldNames("text_emb", "image_emb", "label"));
    }

    [Theory]
    [InlineData(ParquetBytes.Float, true)]
    [InlineData(ParquetBytes.Float, false)]
    [InlineData(ParquetBytes.Double, true)]
    public void Reads_list_of_float_columns(int physical, bool nullableElement)
    {
        var bytes = ParquetBytes.Build(
            new("text_emb", physical, TextRows, nullableElement),
            new("image_emb", physical, ImageRows, nullableElement),
            new("label", ParquetBytes.Int64, [1L, 0L]));
        var data = Load(bytes);
        Assert.Equal(3, data.TextDim);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Text);
        Assert.Equal([0.5f, -1f, 2f, 3f, 0.25f, -4f], data.Image);
        Assert.Equal([1, 0], data.Labels);
    }

    [Theory]
    [InlineData(ParquetBytes.Int32)]
    [InlineData(ParquetBytes.Boolean)]
    public void Reads_integer_and_bool_labels(int physical)
    {
        object[] labels = physical == ParquetBytes.Boolean ? [false, true] : [0, 1];
        var bytes = ParquetBytes.Build(new("text_emb", ParquetBytes.Float, TextRows), new("image_emb", ParquetBytes.Float, ImageRows),
            new("label", physical, labels));
        Assert.Equal([0, 1], Load(bytes).Labels);
    }

    [Fact]
    public void String_labels_become_classes_in_ordinal_order()
    {
        var bytes = ParquetBytes.Build(new("t", ParquetBytes.Float, TextRows), new("i", ParquetBytes.Float, ImageRows),
            new("sentiment", ParquetBytes.ByteArray, ["positive", "negative"]));
        var data = Load(bytes, new FieldNames("t", "i", "sentiment"));
        Assert.Equal(["negative", "positive"], data.ClassNames);
        Assert.Equal([1, 0], data.Labels);
    }

    [Fact]
    public void Rows_of_unequal_length_are_a_clear_error()
    {
        var bytes = ParquetBytes.Build(new("text_emb", ParquetBytes.Float, [[1, 2, 3], [4, 5]]),
            new("image_emb", ParquetBytes.Float, ImageRows), new("label", ParquetBytes.Int64, [1L, 0L]));
        var error = Assert.Throws<UserInputException>(() => Load(bytes));
        Assert.Contains("'text_emb' row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_column_lists_the_columns()
    {
        var bytes = ParquetBytes.Build(new("text_emb", ParquetBytes.Float, TextRows), new("image_emb", ParquetBytes.Float, ImageRows),
            new("label", ParquetBytes.Int64, [1L, 0L]));
        var error = Assert.Throws<UserInputException>(() => Load(bytes, new FieldNames("text_emb", "img", "label")));
        Assert.Contains("no column 'img'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_a_clear_error()
    {
        var bytes = ParquetBytes.Build(new("text_emb", ParquetBytes.Float, TextRows), new("image_emb", ParquetBytes.Float, ImageRows),
            new("label", ParquetBytes.Int64, [1L, 0L]));
        var error = Assert.Throws<UserInputException>(() => Load(bytes[..40]));
        Assert.Contains("d.parquet", error.Message, StringComparison.Ordinal);
    }
}
