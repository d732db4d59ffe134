namespace SuperFuse.Data;

/// <summary>Reads a folder holding <c>text.npy</c>, <c>image.npy</c> and <c>label.npy</c> (names overridable).</summary>
public static class NpyFolderReader
{
    /// <summary>Reads the three arrays of <paramref name="folder"/> into a dataset.</summary>
    public static PairedDataset ReadDataset(string folder, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var text = NpyReader.ReadFile(Path.Combine(folder, names.Text + ".npy"));
        var image = NpyReader.ReadFile(Path.Combine(folder, names.Image + ".npy"));
        var label = NpyReader.ReadFile(Path.Combine(folder, names.Label + ".npy"));
        var split = names.Split is string s ? NpyReader.ReadFile(Path.Combine(folder, s + ".npy")) : null;
        return ArrayDataset.FromArrays(text, image, label, folder, names, split);
    }
}
