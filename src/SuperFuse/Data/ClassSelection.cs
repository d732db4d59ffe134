namespace SuperFuse.Data;

/// <summary>Keeps some classes of a data set, in a given order (e.g. positive vs negative of a 3-class set).</summary>
public static class ClassSelection
{
    /// <summary>The rows whose class name is in <paramref name="labels"/>; class k becomes <paramref name="labels"/>[k].</summary>
    public static PairedDataset Keep(PairedDataset data, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        var unknown = labels.FirstOrDefault(l => !data.ClassNames.Contains(l));
        if (unknown is not null)
        {
            throw new UserInputException($"{data.Source}: label '{unknown}' is not a class of the data; expected one of {string.Join(", ", data.ClassNames)}");
        }
        var newIndex = data.ClassNames.Select(n => labels.ToList().IndexOf(n)).ToArray();
        var rows = Enumerable.Range(0, data.Count).Where(r => newIndex[data.Labels[r]] >= 0).ToArray();
        var text = new float[rows.Length * data.TextDim];
        var image = new float[rows.Length * data.ImageDim];
        for (int k = 0; k < rows.Length; k++)
        {
            data.Text.AsSpan(rows[k] * data.TextDim, data.TextDim).CopyTo(text.AsSpan(k * data.TextDim));
            data.Image.AsSpan(rows[k] * data.ImageDim, data.ImageDim).CopyTo(image.AsSpan(k * data.ImageDim));
        }
        var kept = data with
        {
            Text = text,
            Image = image,
            Labels = rows.Select(r => newIndex[data.Labels[r]]).ToArray(),
            ClassNames = labels.ToArray(),
            Splits = data.Splits is { } s ? rows.Select(r => s[r]).ToArray() : null,
        };
        DatasetValidator.Validate(kept);
        return kept;
    }
}
