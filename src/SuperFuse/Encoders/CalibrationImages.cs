
namespace SuperFuse.Encoders;

/// <summary>
/// The images an int8 image tower is calibrated on: the first <see cref="Count"/> readable images of the selected
/// items, in metadata order (before <c>--limit</c>), so a rerun or a resume calibrates on the same images.
/// </summary>
public static class CalibrationImages
{
    /// <summary>Images used for calibration at most.</summary>
    public const int Count = 64;

    /// <summary>A calibration source over <paramref name="items"/> of <paramref name="folder"/>.</summary>
    public static Calibration From(ImageFolder folder, IReadOnlyList<FolderItem> items) => options =>
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(items);
        int plane = 3 * options.Size * options.Size, count = 0;
        var chw = new float[Count * plane];
        foreach (var item in items)
        {
            if (count == Count) break;
            string path = Path.Combine(folder.Folder, item.FileName);
            if (!File.Exists(path)) continue;
            if (ImagePreprocessor.TryPreprocess(File.ReadAllBytes(path), options, chw.AsSpan(count * plane, plane)) is null) count++;
        }
        return (chw, count);
    };
}
