using System.Text.Json;
using SuperFuse.Experiments;
using SuperFuse.IO;

namespace SuperFuse.Results;

/// <summary>One JSON file per finished cell under <c>RESULTS/cells/</c>, written atomically (temp + rename).</summary>
public sealed class CellStore : ICellStore
{
    private readonly string folder;
    private readonly TimeSpan lease;

    /// <summary>How long a cell lock lives without a heartbeat before another process may take it over.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(5);

    /// <summary>Uses <c>results/cells</c>, creating it if needed.</summary>
    public CellStore(string results, TimeSpan? lease = null)
    {
        this.lease = lease ?? DefaultLease;
        folder = Path.Combine(results, "cells");
        OutputFolder.Ensure(folder);
    }

    /// <inheritdoc/>
    public CellRecord? TryLoad(string key)
    {
        string path = PathOf(key);
        return File.Exists(path) && Parse(path) is { } record && record.Key == key ? Checked(record, path) : null;
    }

    /// <inheritdoc/>
    public IDisposable? TryClaim(string key) => CellClaim.TryTake(Path.Combine(folder, key + ".lock"), lease);

    /// <inheritdoc/>
    public void Save(CellRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.WriteAllText(PathOf(record.Key), JsonSerializer.Serialize(record, ResultJson.Options));
    }

    /// <summary>
    /// Every readable cell in the folder, in key order. Unreadable files (which atomic saves never leave, but a copy
    /// or a full disk might) and files whose content names another key are skipped: their cells get redone.
    /// </summary>
    public IReadOnlyList<CellRecord> LoadAll() =>
        Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal)
            .Select(p => Parse(p) is { } r && r.Key == Path.GetFileNameWithoutExtension(p) ? Checked(r, p) : null)
            .OfType<CellRecord>().ToList();

    /// <summary>A record of another results format is refused with one line (<see cref="ResultsFormat"/>).</summary>
    private static CellRecord Checked(CellRecord record, string path)
    {
        ResultsFormat.Check(record.FormatVersion, path);
        return record;
    }

    private string PathOf(string key) => Path.Combine(folder, key + ".json");

    private static CellRecord? Parse(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<CellRecord>(File.ReadAllText(path), ResultJson.Options);
        }
        catch (Exception e) when (e is not UserInputException and not OutOfMemoryException)
        {
            // Any damage (JSON, encoding, I/O): not a result, so the cell is redone.
            return null;
        }
    }
}
