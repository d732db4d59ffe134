namespace SuperFuse.Data;

/// <summary>Column names to read from an array container (.npz, a folder of .npy, Parquet).</summary>
/// <param name="Text">Name of the text-embedding array or column.</param>
/// <param name="Image">Name of the image-embedding array or column.</param>
/// <param name="Label">Name of the label array or column.</param>
/// <param name="Split">Name of the data set's own split array or column (<see cref="SplitCodes"/>); null: none, the split is drawn.</param>
public sealed record FieldNames(string Text = "text", string Image = "image", string Label = "label", string? Split = null);

/// <summary>Builds a <see cref="PairedDataset"/> from three NumPy arrays.</summary>
public static class ArrayDataset
{
    /// <summary>Checks dtypes and ranks, then validates the result.</summary>
    public static PairedDataset FromArrays(NpyArray text, NpyArray image, NpyArray label, string source,
        FieldNames names, NpyArray? split = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(names);
        var (textValues, textDim) = Matrix(text, names.Text);
        var (imageValues, imageDim) = Matrix(image, names.Image);
        if (label.IsFloating || label.Shape.Length != 1)
        {
            throw new UserInputException(
                $"{label.Source}: field '{names.Label}' has dtype {label.Dtype} and shape ({string.Join(",", label.Shape)}); expected a 1-D integer or bool array");
        }
        var (labels, classes) = LabelEncoding.FromIntegers(label.Integers!, label.Source, names.Label);
        var data = new PairedDataset(textValues, imageValues, labels, textDim, imageDim, classes, source) { Splits = Splits(split, names) };
        DatasetValidator.Validate(data, names.Text, names.Image, names.Label);
        return data;
    }

    private static (float[] Values, int Dim) Matrix(NpyArray array, string field)
    {
        if (!array.IsFloating || array.Shape.Length != 2)
        {
            throw new UserInputException(
                $"{array.Source}: field '{field}' has dtype {array.Dtype} and shape ({string.Join(",", array.Shape)}); expected a 2-D float array");
        }
        return (array.Floats!, array.Shape[1]);
    }

    private static int[]? Splits(NpyArray? split, FieldNames names)
    {
        if (split is null) return null;
        if (split.IsFloating || split.Shape.Length != 1)
        {
            throw new UserInputException(
                $"{split.Source}: split field '{names.Split}' has dtype {split.Dtype} and shape ({string.Join(",", split.Shape)}); expected a 1-D integer array of 0 (train), 1 (validation), 2 (test)");
        }
        return SplitCodes.FromIntegers(split.Integers!, split.Source, names.Split!);
    }
}
