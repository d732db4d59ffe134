using System.Globalization;
using System.Text.Json;
using SuperFuse.Data;

namespace SuperFuse.Encoders;

/// <summary>Column names of an image-folder data set.</summary>
/// <param name="FileName">Column with the image file name.</param>
/// <param name="Text">Column with the text.</param>
/// <param name="Label">Column with the label.</param>
/// <param name="Id">Column with the id.</param>
/// <param name="Split">Column with the data set's own split (train/validation/test or 0/1/2), carried into the output; null: none.</param>
public sealed record FolderColumns(string FileName = "file_name", string Text = "text", string Label = "label", string Id = "id", string? Split = null);

/// <summary>
/// One item of an image-folder data set. <paramref name="Row"/> is 1-based as in the metadata file (header excluded);
/// <paramref name="Split"/> is the canonical split name (train, validation, test) when the folder names one.
/// </summary>
public sealed record FolderItem(int Row, string Id, string FileName, string Text, string Label, string? Split = null);

/// <summary>
/// A data set in the Hugging Face "imagefolder" convention: <c>metadata.csv</c> or <c>metadata.jsonl</c> with a file
/// name (relative to the folder), a text and a label per row, beside the images. Without an id column the file name
/// is the id.
/// </summary>
public sealed record ImageFolder(string Folder, string Metadata, IReadOnlyList<FolderItem> Items)
{
    /// <summary>Reads the metadata of <paramref name="folder"/> (strict UTF-8). Images are not opened here.</summary>
    public static ImageFolder Read(string folder, FolderColumns columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (!Directory.Exists(folder)) throw new UserInputException($"{folder}: folder not found; expected an image folder with metadata.csv or metadata.jsonl");
        string csv = Path.Combine(folder, "metadata.csv"), jsonl = Path.Combine(folder, "metadata.jsonl");
        if (File.Exists(csv)) return new ImageFolder(folder, csv, DataFiles.Guard(csv, "metadata CSV", () => WithSplits(FromCsv(csv, columns), csv, columns)));
        if (File.Exists(jsonl)) return new ImageFolder(folder, jsonl, DataFiles.Guard(jsonl, "metadata JSONL", () => WithSplits(FromJsonl(jsonl, columns), jsonl, columns)));
        throw new UserInputException($"{folder}: has no metadata.csv or metadata.jsonl; expected one with columns {columns.FileName}, {columns.Text}, {columns.Label}");
    }

    private static List<FolderItem> FromCsv(string path, FolderColumns c)
    {
        var table = CsvFile.Parse(TextFiles.ReadUtf8(path), path);
        int file = Column(table.Header, c.FileName, path), text = Column(table.Header, c.Text, path), label = Column(table.Header, c.Label, path);
        int id = table.Header.ToList().IndexOf(c.Id);
        int split = c.Split is string s ? Column(table.Header, s, path) : -1;
        return table.Rows.Select((r, k) => new FolderItem(k + 1, id >= 0 ? r[id] : r[file], r[file], r[text], r[label], split >= 0 ? r[split] : null)).ToList();
    }

    /// <summary>Checks every split value (one line naming the row otherwise) and writes it as its canonical name.</summary>
    private static List<FolderItem> WithSplits(List<FolderItem> items, string path, FolderColumns c)
    {
        if (c.Split is null) return items;
        var codes = SplitCodes.FromStrings(items.Select(i => i.Split ?? "").ToArray(), path, c.Split);
        return items.Select((item, k) => item with { Split = SplitCodes.Name(codes[k]) }).ToList();
    }

    private static List<FolderItem> FromJsonl(string path, FolderColumns c)
    {
        var items = new List<FolderItem>();
        var lines = TextFiles.ReadUtf8(path).Split('\n');
        for (int k = 0; k < lines.Length; k++)
        {
            if (lines[k].Trim().Length == 0) continue;
            items.Add(JsonItem(lines[k], k + 1, path, c));
        }
        return items;
    }

    private static FolderItem JsonItem(string line, int row, string path, FolderColumns c)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            string Get(string name) => doc.RootElement.TryGetProperty(name, out var v)
                ? (v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())
                : throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {row} has no key '{name}'; expected keys {c.FileName}, {c.Text}, {c.Label}"));
            string file = Get(c.FileName);
            string id = doc.RootElement.TryGetProperty(c.Id, out _) ? Get(c.Id) : file;
            return new FolderItem(row, id, file, Get(c.Text), Get(c.Label), c.Split is string s ? Get(s) : null);
        }
        catch (JsonException e)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{path}: line {row} is not valid JSON ({e.Message}); expected one JSON object per line"), e);
        }
    }

    private static int Column(IReadOnlyList<string> header, string name, string path)
    {
        int k = header.ToList().IndexOf(name);
        return k >= 0 ? k : throw new UserInputException($"{path}: has no column '{name}' (columns: {string.Join(", ", header)}); expected it in the header");
    }
}
