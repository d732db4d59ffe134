using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Scale;

/// <summary>
/// A small study run once, uninterrupted, in its own process with one thread: the reference that sharded, killed and
/// concurrent runs must reproduce byte for byte. Both studies have 2 fusions × 2 tasks × 3 sizes × 3 seeds.
/// </summary>
public abstract class ReferenceStudy : IDisposable
{
    public const int CellCount = 2 * 2 * 3 * 3;

    private readonly TempDir dir = new();

    protected ReferenceStudy(string configJson)
    {
        File.WriteAllText(Config, configJson);
        var (exit, _, err) = SuperfuseProcess.Run(["run", "--config", Config, "--out", dir.File("reference"), "--threads", "1"]);
        if (exit != 0) throw new InvalidOperationException("reference run failed: " + err);
        Runs = Table(dir.File("reference"), "runs");
        Noise = Table(dir.File("reference"), "noise");
    }

    public string Config => dir.File("study.json");

    public string Runs { get; }

    public string Noise { get; }

    public static string Table(string folder, string name) => File.ReadAllText(Path.Combine(folder, "tables", name + ".csv"));

    /// <summary>Asserts that <paramref name="folder"/> holds exactly the reference results.</summary>
    public void AssertSameResults(string folder)
    {
        var cells = Directory.GetFiles(Path.Combine(folder, "cells"), "*.json");
        Assert.Equal(CellCount, cells.Length);
        Assert.Equal(Runs, Table(folder, "runs"));
        Assert.Equal(Noise, Table(folder, "noise"));
    }

    public void Dispose()
    {
        dir.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>About 2 s of cells: for shards and concurrency.</summary>
public sealed class TinyStudy() : ReferenceStudy("""
    {"builtin_count": 600, "builtin_dims": 8, "fusions": ["concat", "product"], "tasks": ["real", "synthetic"],
     "sizes": [16, 32, 64], "seeds": [1, 2, 3], "epochs": 15, "noise": {"alphas": [0, 0.1, 0.3, 0.6]}}
    """);

/// <summary>
/// About 19 s of cells on a 2-core Intel Xeon (12 work units of 3 stacked seeds): long enough to be killed many times
/// mid-run. With 150 epochs it took 5 s there, and the kill test saw the study finish before enough kills had landed.
/// </summary>
public sealed class SlowStudy() : ReferenceStudy("""
    {"builtin_count": 3000, "builtin_dims": 16, "fusions": ["concat", "product"], "tasks": ["real", "synthetic"],
     "sizes": [512, 1024, 2048], "seeds": [1, 2, 3], "epochs": 1000, "noise": {"alphas": [0, 0.1, 0.3, 0.6]}}
    """);
