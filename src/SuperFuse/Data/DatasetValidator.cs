using System.Globalization;

namespace SuperFuse.Data;

/// <summary>Checks a loaded dataset and reports the first problem as a <see cref="UserInputException"/>.</summary>
public static class DatasetValidator
{
    /// <summary>Throws if shapes, values or labels are not usable for training.</summary>
    public static void Validate(PairedDataset data, string textField = "text", string imageField = "image",
        string labelField = "label")
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count == 0)
        {
            throw new UserInputException($"{data.Source}: the data set is empty; expected at least one row");
        }
        CheckShape(data.Text, data.TextDim, data.Count, data.Source, textField);
        CheckShape(data.Image, data.ImageDim, data.Count, data.Source, imageField);
        CheckFinite(data.Text, data.TextDim, data.Source, textField);
        CheckFinite(data.Image, data.ImageDim, data.Source, imageField);
        CheckLabels(data, labelField);
        if (data.Splits is { } splits && splits.Length != data.Count)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{data.Source}: the split field has {splits.Length} rows but the labels have {data.Count}; expected one split per row"));
        }
    }

    private static void CheckShape(float[] values, int dim, int rows, string source, string field)
    {
        if (dim <= 0)
        {
            throw new UserInputException($"{source}: field '{field}' has width {dim}; expected a positive embedding dim");
        }
        if (values.Length != (long)dim * rows)
        {
            long got = values.Length / dim;
            throw new UserInputException(
                $"{source}: field '{field}' has {got} rows but the labels have {rows}; expected the same row count");
        }
    }

    private static void CheckFinite(float[] values, int dim, string source, string field)
    {
        for (int k = 0; k < values.Length; k++)
        {
            if (!float.IsFinite(values[k]))
            {
                string what = float.IsNaN(values[k]) ? "NaN" : "Inf";
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: field '{field}' row {k / dim}, column {k % dim} is {what}; expected finite numbers"));
            }
        }
    }

    private static void CheckLabels(PairedDataset data, string field)
    {
        int classes = data.ClassCount;
        for (int r = 0; r < data.Count; r++)
        {
            int y = data.Labels[r];
            if (y < 0 || y >= classes)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{data.Source}: field '{field}' row {r} is {y}; expected an integer class in 0..{classes - 1}"));
            }
        }
        if (classes < 2)
        {
            throw new UserInputException($"{data.Source}: field '{field}' has a single class; expected at least two");
        }
    }
}
