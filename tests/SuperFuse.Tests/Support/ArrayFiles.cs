using System.IO.Compression;

namespace SuperFuse.Tests.Support;

/// <summary>Writes small text/image/label data sets as .npz archives or folders of .npy files.</summary>
internal static class ArrayFiles
{
    public static Dictionary<string, byte[]> Members(double[] text, double[] image, int dim, double[] labels,
        string floatDescr = "<f4", string labelDescr = "<i8")
    {
        int rows = labels.Length;
        return new()
        {
            ["text"] = NpyBytes.Build(floatDescr, [text.Length / dim, dim], NpyBytes.Encode(floatDescr, text)),
            ["image"] = NpyBytes.Build(floatDescr, [image.Length / dim, dim], NpyBytes.Encode(floatDescr, image)),
            ["label"] = NpyBytes.Build(labelDescr, [rows], NpyBytes.Encode(labelDescr, labels)),
        };
    }

    public static void WriteNpz(string path, Dictionary<string, byte[]> members)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in members)
        {
            using var stream = zip.CreateEntry(name + ".npy").Open();
            stream.Write(bytes);
        }
    }

    public static void WriteFolder(string folder, Dictionary<string, byte[]> members)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in members) File.WriteAllBytes(Path.Combine(folder, name + ".npy"), bytes);
    }
}
