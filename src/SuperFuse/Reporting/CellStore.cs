using System.Text.Json;
using SuperFuse.Experiments;

namespace SuperFuse.Reporting;

/// <summary>One JSON file per finished cell under <c>RESULTS/cells/</c>, written atomically (temp + rename).</summary>
public sealed class CellStore : ICellStore
{
    private readonly string folder;

    /// <summary>Uses <c>results/cells</c>, creating it if needed.</summary>
    public CellStore(string results)
    {
        folder = Path.Combine(results, "cells");
        OutputFolder.Ensure(folder);
    }

    /// <inheritdoc/>
    public CellRecord? TryLoad(string key)
    {
        string path = PathOf(key);
        return File.Exists(path) ? Parse(path) : null;
    }

    /// <inheritdoc/>
    public void Save(CellRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.WriteAllText(PathOf(record.Key), JsonSerializer.Serialize(record, ResultJson.Options));
    }

    /// <summary>Every readable cell in the folder, in key order (unreadable files are skipped: their cells get redone).</summary>
    public IReadOnlyList<CellRecord> LoadAll() =>
        Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(Parse).OfType<CellRecord>().ToList();

    private string PathOf(string key) => Path.Combine(folder, key + ".json");

    private static CellRecord? Parse(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CellRecord>(File.ReadAllText(path), ResultJson.Options);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }
}
