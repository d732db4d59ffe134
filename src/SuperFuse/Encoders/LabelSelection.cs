namespace SuperFuse.Encoders;

/// <summary>Which classes an embedding job keeps, and in which order.</summary>
public static class LabelSelection
{
    /// <summary>
    /// Keeps the items whose label is in <paramref name="labels"/> (in that class order), or all items with classes in
    /// ordinal order when it is null. A requested label that never occurs is an error naming it.
    /// </summary>
    public static (List<FolderItem> Items, string[] Classes) Apply(IReadOnlyList<FolderItem> items, IReadOnlyList<string>? labels, string source)
    {
        ArgumentNullException.ThrowIfNull(items);
        var present = items.Select(i => i.Label).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels is null) return (items.ToList(), present);
        var unknown = labels.FirstOrDefault(l => !present.Contains(l, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new UserInputException($"{source}: label '{unknown}' given in --labels never occurs; expected one of {string.Join(", ", present)}");
        }
        var keep = labels.ToHashSet(StringComparer.Ordinal);
        return (items.Where(i => keep.Contains(i.Label)).ToList(), labels.ToArray());
    }
}
