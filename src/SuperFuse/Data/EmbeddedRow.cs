namespace SuperFuse.Data;

/// <summary>One embedded item: its id, label name, the two vectors and its split name (null when the folder has none).</summary>
public sealed record EmbeddedRow(string Id, string Label, float[] Text, float[] Image, string? Split = null);

/// <summary>What the output file says about itself (Parquet key-value metadata "superfuse", JSON).</summary>
/// <param name="Source">The data set folder.</param>
/// <param name="TextEncoder">Text encoder name.</param>
/// <param name="ImageEncoder">Image encoder name.</param>
/// <param name="TextDim">Text embedding width.</param>
/// <param name="ImageDim">Image embedding width.</param>
/// <param name="Classes">Class names in class-index order.</param>
/// <param name="Preprocessing">The preprocessing that ran (image size, scale, mean, std, preprocessing model; tokenizer, max tokens, pooling, normalisation, casing); a resume must match it.</param>
public sealed record EmbeddingInfo(string Source, string TextEncoder, string ImageEncoder, int TextDim, int ImageDim, IReadOnlyList<string> Classes,
    IReadOnlyDictionary<string, string>? Preprocessing = null);
