using SuperFuse.Experiments;
using SuperFuse.Reporting;
using SuperFuse.Results;
using SuperFuse.Robustness;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Results;

public sealed class CellStoreTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static CellRecord Record(string key) => new()
    {
        Key = key,
        Fusion = "concat",
        Task = "real",
        Size = 16,
        Seed = 1,
        Classes = 2,
        FormatVersion = ResultsFormat.Version,
        BestEpoch = 1,
        EpochsRun = 2,
        StopReason = "max-epochs",
        ValAccuracy = 0.5,
        TestAccuracy = 0.5,
        TestAuc = 0.5,
        Parameters = 10,
        Seconds = 1,
        RocFpr = [0, 1],
        RocTpr = [0, 1],
        Noise = [new NoisePoint(NoiseCondition.Text, 0, 0.5, 0.5)],
    };

    private string CellFile(string key) => Path.Combine(dir.Path, "cells", key + ".json");

    [Fact]
    public void A_saved_cell_loads_back()
    {
        var store = new CellStore(dir.Path);
        store.Save(Record("a"));
        Assert.Equal("a", store.TryLoad("a")!.Key);
        Assert.Empty(Directory.GetFiles(Path.Combine(dir.Path, "cells"), "*.tmp"));
    }

    [Fact]
    public void A_half_written_cell_is_not_a_result()
    {
        var store = new CellStore(dir.Path);
        store.Save(Record("a"));
        string whole = File.ReadAllText(CellFile("a"));
        File.WriteAllText(CellFile("a"), whole[..(whole.Length / 2)]);
        Assert.Null(store.TryLoad("a"));
        Assert.Empty(store.LoadAll());
    }

    [Fact]
    public void A_cell_file_holding_another_key_is_not_a_result()
    {
        var store = new CellStore(dir.Path);
        store.Save(Record("a"));
        File.Copy(CellFile("a"), CellFile("b"));
        Assert.Null(store.TryLoad("b"));
        Assert.Equal(["a"], store.LoadAll().Select(c => c.Key));
    }

    [Fact]
    public void A_cell_file_missing_a_field_is_not_a_result()
    {
        var store = new CellStore(dir.Path);
        File.WriteAllText(CellFile("a"), """{"key": "a", "fusion": "concat"}""");
        Assert.Null(store.TryLoad("a"));
    }
}
