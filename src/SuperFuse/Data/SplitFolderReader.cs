using System.Globalization;

namespace SuperFuse.Data;

/// <summary>
/// Reads a folder in Hugging Face's split layout: <c>train*.parquet</c>, <c>validation*.parquet</c> (or <c>valid*</c>,
/// <c>val*</c>, <c>dev*</c>) and <c>test*.parquet</c>, directly in the folder or in its <c>data/</c> subfolder. The
/// rows of every file are concatenated in split then file-name order and keep their file's split (protocol §1).
/// </summary>
public static class SplitFolderReader
{
    private static readonly (string Prefix, int Code)[] Prefixes =
    [
        ("train", SplitCodes.Train), ("validation", SplitCodes.Validation), ("valid", SplitCodes.Validation),
        ("val", SplitCodes.Validation), ("dev", SplitCodes.Validation), ("test", SplitCodes.Test),
    ];

    /// <summary>True when <paramref name="folder"/> holds split Parquet files (a train and a test part at least).</summary>
    public static bool IsSplitFolder(string folder)
    {
        var files = Files(folder);
        return files.Any(f => f.Code == SplitCodes.Train) && files.Any(f => f.Code == SplitCodes.Test);
    }

    /// <summary>Reads every split file with <paramref name="names"/> (a split field is not needed: the file names give it).</summary>
    public static PairedDataset ReadDataset(string folder, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var parts = Files(folder).Select(f => (f.Code, Data: ParquetDatasetReader.ReadDataset(f.Path, names with { Split = null }))).ToList();
        var first = parts[0].Data;
        foreach (var (_, data) in parts)
        {
            if (data.TextDim != first.TextDim || data.ImageDim != first.ImageDim)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{data.Source}: embeddings are {data.TextDim}-d text and {data.ImageDim}-d image, but {first.Source} has {first.TextDim} and {first.ImageDim}; expected one width per modality across split files"));
            }
        }
        var classes = ClassUnion(parts.Select(p => p.Data.ClassNames).ToList());
        var combined = new PairedDataset(
            parts.SelectMany(p => p.Data.Text).ToArray(),
            parts.SelectMany(p => p.Data.Image).ToArray(),
            parts.SelectMany(p => p.Data.Labels.Select(y => classes.IndexOf(p.Data.ClassNames[y]))).ToArray(),
            first.TextDim, first.ImageDim, classes, folder)
        {
            Splits = parts.SelectMany(p => Enumerable.Repeat(p.Code, p.Data.Count)).ToArray(),
        };
        DatasetValidator.Validate(combined, names.Text, names.Image, names.Label);
        return combined;
    }

    private static List<(string Path, int Code)> Files(string folder)
    {
        string dir = Directory.EnumerateFiles(folder, "*.parquet").Any() || !Directory.Exists(Path.Combine(folder, "data"))
            ? folder : Path.Combine(folder, "data");
        return Directory.EnumerateFiles(dir, "*.parquet")
            .Select(p => (Path: p, Code: CodeOf(System.IO.Path.GetFileName(p))))
            .Where(f => f.Code >= 0).OrderBy(f => f.Code).ThenBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    private static int CodeOf(string file)
    {
        string lower = file.ToLowerInvariant();
        foreach (var (prefix, code) in Prefixes)
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal) && !char.IsLetter(lower[prefix.Length])) return code;
        }
        return -1;
    }

    /// <summary>One class list for all files: the same list when they agree, else every name in numeric or ordinal order.</summary>
    private static List<string> ClassUnion(List<IReadOnlyList<string>> lists)
    {
        if (lists.All(l => l.SequenceEqual(lists[0]))) return lists[0].ToList();
        var all = lists.SelectMany(l => l).Distinct().ToList();
        return all.All(n => long.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            ? all.OrderBy(n => long.Parse(n, CultureInfo.InvariantCulture)).ToList()
            : all.Order(StringComparer.Ordinal).ToList();
    }
}
