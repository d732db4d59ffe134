using System.IO.Compression;

namespace SuperFuse.Data;

/// <summary>Reads <c>.npz</c> archives (a zip of <c>.npy</c> members, stored or deflated, as numpy writes them).</summary>
public static class NpzReader
{
    /// <summary>Reads the three named arrays of an <c>.npz</c> file into a dataset.</summary>
    public static PairedDataset ReadDataset(string path, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var stream = DataFiles.OpenRead(path);
        using var zip = OpenZip(stream, path);
        var text = ReadMember(zip, path, names.Text);
        var image = ReadMember(zip, path, names.Image);
        var label = ReadMember(zip, path, names.Label);
        var split = names.Split is string s ? ReadMember(zip, path, s) : null;
        return ArrayDataset.FromArrays(text, image, label, path, names, split);
    }

    private static ZipArchive OpenZip(Stream stream, string path)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"{path}: not a valid .npz (zip) archive; expected numpy.savez output", e);
        }
    }

    private static NpyArray ReadMember(ZipArchive zip, string path, string name)
    {
        var entry = zip.GetEntry(name + ".npy") ?? throw new UserInputException(
            $"{path}: has no array '{name}' (members: {string.Join(", ", zip.Entries.Select(e => e.FullName))}); expected '{name}.npy'");
        try
        {
            using var member = entry.Open();
            return NpyReader.Read(member, $"{path}:{name}");
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"{path}: member '{name}.npy' is corrupt; expected a readable zip member", e);
        }
    }
}
