namespace SuperFuse.Data;

/// <summary>
/// Paired embeddings: row r is one sample with a text vector, an image vector and an integer label in 0..C−1.
/// Matrices are row-major: <c>Text[r * TextDim + j]</c>.
/// </summary>
/// <param name="Text">Text embeddings, Count × TextDim, row-major.</param>
/// <param name="Image">Image embeddings, Count × ImageDim, row-major.</param>
/// <param name="Labels">Class index of each row.</param>
/// <param name="TextDim">Text embedding width d_t.</param>
/// <param name="ImageDim">Image embedding width d_i.</param>
/// <param name="ClassNames">Name of each class; its length is C.</param>
/// <param name="Source">Where the data came from (a path, or "builtin"), used in error messages and provenance.</param>
public sealed record PairedDataset(
    float[] Text,
    float[] Image,
    int[] Labels,
    int TextDim,
    int ImageDim,
    IReadOnlyList<string> ClassNames,
    string Source)
{
    /// <summary>The data set's own split per row (<see cref="SplitCodes"/>), or null when the split is drawn.</summary>
    public int[]? Splits { get; init; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of classes C.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The same embeddings with other labels and class names (used by the synthetic task).</summary>
    public PairedDataset WithLabels(int[] labels, IReadOnlyList<string> classNames) =>
        this with { Labels = labels, ClassNames = classNames };
}
