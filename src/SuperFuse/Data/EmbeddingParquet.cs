using System.Text.Json;
using Parquet;
using Parquet.Schema;
using SuperFuse.IO;

namespace SuperFuse.Data;

/// <summary>
/// Embeddings as Parquet in the Hugging Face <c>datasets</c> layout: <c>id</c> (string), <c>label</c> (string),
/// <c>text_emb</c> and <c>image_emb</c> (list&lt;float&gt;), <c>split</c> (string: train, validation, test) when the
/// source folder named one, plus key-value metadata <c>superfuse</c> (JSON <see cref="EmbeddingInfo"/>: encoders,
/// dims, source, class order).
/// </summary>
public static class EmbeddingParquet
{
    /// <summary>Metadata key.</summary>
    public const string MetadataKey = "superfuse";

    private static readonly DataField Id = new DataField<string>("id");
    private static readonly DataField Label = new DataField<string>("label");
    private static readonly DataField Text = new("text_emb", typeof(float), isNullable: false, isArray: true);
    private static readonly DataField Image = new("image_emb", typeof(float), isNullable: false, isArray: true);
    private static readonly DataField Split = new DataField<string>("split");

    /// <summary>Writes all rows atomically (temp file + rename).</summary>
    public static void Write(string path, IReadOnlyList<EmbeddedRow> rows, EmbeddingInfo info)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream => WriteAsync(stream, rows, info).GetAwaiter().GetResult());
    }

    private static async Task WriteAsync(Stream stream, IReadOnlyList<EmbeddedRow> rows, EmbeddingInfo info)
    {
        bool split = rows.Any(r => r.Split is not null);
        var schema = split ? new ParquetSchema(Id, Label, Text, Image, Split) : new ParquetSchema(Id, Label, Text, Image);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        writer.CustomMetadata = new Dictionary<string, string> { [MetadataKey] = JsonSerializer.Serialize(info, ResultJson.Options) };
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(Id, rows.Select(r => r.Id).ToArray(), null).ConfigureAwait(false);
        await group.WriteAsync(Label, rows.Select(r => r.Label).ToArray(), null).ConfigureAwait(false);
        await WriteListAsync(group, Text, rows.Select(r => r.Text).ToList()).ConfigureAwait(false);
        await WriteListAsync(group, Image, rows.Select(r => r.Image).ToList()).ConfigureAwait(false);
        if (split) await group.WriteAsync(Split, rows.Select(r => r.Split ?? "").ToArray(), null).ConfigureAwait(false);
    }

    private static Task WriteListAsync(ParquetRowGroupWriter group, DataField field, List<float[]> vectors)
    {
        var values = vectors.SelectMany(v => v).ToArray();
        var levels = vectors.SelectMany(v => v.Select((_, k) => k == 0 ? 0 : 1)).ToArray();
        return group.WriteAsync<float>(field, values, new ReadOnlyMemory<int>(levels), null, default);
    }

    /// <summary>The rows and metadata of an existing file (for resuming), or null if there is none.</summary>
    public static (List<EmbeddedRow> Rows, EmbeddingInfo? Info)? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        return DataFiles.Guard(path, "Parquet", () => ReadAsync(path).GetAwaiter().GetResult());
    }

    private static async Task<(List<EmbeddedRow>, EmbeddingInfo?)> ReadAsync(string path)
    {
        using var stream = DataFiles.OpenRead(path);
        ParquetFooter.Check(stream, path);
        await using var reader = await ParquetReader.CreateAsync(stream).ConfigureAwait(false);
        var columns = new ParquetColumns(reader, path);
        var ids = (await columns.ReadLabelsAsync("id").ConfigureAwait(false)).Strings ?? [];
        var labels = (await columns.ReadLabelsAsync("label").ConfigureAwait(false)).Strings ?? [];
        var text = await columns.ReadMatrixAsync("text_emb").ConfigureAwait(false);
        var image = await columns.ReadMatrixAsync("image_emb").ConfigureAwait(false);
        var splits = reader.Schema.Fields.Any(f => f.Name == Split.Name) ? (await columns.ReadLabelsAsync(Split.Name).ConfigureAwait(false)).Strings : null;
        var rows = ids.Select((id, r) => new EmbeddedRow(id, labels[r], text.Values.AsSpan(r * text.Dim, text.Dim).ToArray(),
            image.Values.AsSpan(r * image.Dim, image.Dim).ToArray(), splits?[r])).ToList();
        return (rows, Info(reader));
    }

    /// <summary>The <c>superfuse</c> metadata of an open file, if present.</summary>
    internal static EmbeddingInfo? Info(ParquetReader reader) =>
        reader.CustomMetadata.TryGetValue(MetadataKey, out var json) ? JsonSerializer.Deserialize<EmbeddingInfo>(json, ResultJson.Options) : null;
}
