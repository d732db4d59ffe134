namespace SuperFuse.Data;

/// <summary>
/// Opens a data set named on the command line: "builtin", a .npz, a .parquet, a .safetensors, a torch.save file
/// (.pt or .pth), a .csv, a folder of .npy files, or a folder of Hugging Face split Parquet files (<see cref="SplitFolderReader"/>).
/// </summary>
public static class DatasetLoader
{
    /// <summary>Loads and validates <paramref name="spec"/>.</summary>
    public static PairedDataset Load(string spec, FieldNames? names = null, BuiltinOptions? builtin = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        names ??= new FieldNames();
        if (spec == BuiltinDataset.Name)
        {
            if (names != new FieldNames())
            {
                throw new UserInputException("the built-in data set has no named fields; expected text, image, label and split field names only with a data file");
            }
            return BuiltinDataset.Generate(builtin ?? new BuiltinOptions());
        }
        if (Directory.Exists(spec))
        {
            return SplitFolderReader.IsSplitFolder(spec)
                ? DataFiles.Guard(spec, "Parquet", () => SplitFolderReader.ReadDataset(spec, names))
                : DataFiles.Guard(spec, ".npy", () => NpyFolderReader.ReadDataset(spec, names));
        }
        string ext = Path.GetExtension(spec).ToLowerInvariant();
        if (!File.Exists(spec))
        {
            throw new UserInputException($"{spec}: file not found; expected 'builtin', a .npz, .parquet, .safetensors, .pt, .csv or a folder of .npy files");
        }
        return ext switch
        {
            ".npz" => DataFiles.Guard(spec, ".npz", () => NpzReader.ReadDataset(spec, names)),
            ".parquet" => DataFiles.Guard(spec, "Parquet", () => ParquetDatasetReader.ReadDataset(spec, names)),
            ".safetensors" => DataFiles.Guard(spec, "safetensors", () => SafetensorsReader.ReadDataset(spec, names)),
            ".pt" or ".pth" => DataFiles.Guard(spec, "torch.save", () => TorchSaveReader.ReadDataset(spec, names)),
            ".csv" => DataFiles.Guard(spec, "CSV", () => CsvDatasetReader.ReadDataset(spec, names)),
            _ => throw new UserInputException($"{spec}: unknown data format '{ext}'; expected .npz, .parquet, .safetensors, .pt, .csv or a folder"),
        };
    }
}
