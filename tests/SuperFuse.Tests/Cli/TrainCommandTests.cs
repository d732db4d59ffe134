using System.Text.Json;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

public sealed class TrainCommandTests
{
    [Fact]
    public void Json_has_the_documented_fields_and_the_checkpoint_is_saved()
    {
        using var dir = new TempDir();
        var (exit, stdout, stderr) = CliRunner.Run("train", "--data", "builtin", "--builtin-count", "600", "--fusion", "product",
            "--task", "synthetic", "--size", "64", "--seed", "3", "--epochs", "3", "--out", dir.Path, "--json");
        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        foreach (var key in new[] { "fusion", "task", "size", "seed", "best_epoch", "epochs_run", "val_accuracy", "test_accuracy", "test_auc", "parameters", "seconds" })
        {
            Assert.True(json.TryGetProperty(key, out _), key);
        }
        Assert.Equal("product", json.GetProperty("fusion").GetString());
        Assert.Equal(3, json.GetProperty("epochs_run").GetInt32());
        Assert.Equal(49_250, json.GetProperty("parameters").GetInt64());
        Assert.True(File.Exists(Path.Combine(dir.Path, "model.bin")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "cell.json")));
    }

    [Fact]
    public void Human_summary_names_the_cell()
    {
        using var dir = new TempDir();
        var (exit, stdout, _) = CliRunner.Run("train", "--builtin-count", "600", "--fusion", "concat", "--size", "32", "--epochs", "2", "--out", dir.Path);
        Assert.Equal(0, exit);
        Assert.Contains("concat-real-n32-s1", stdout, StringComparison.Ordinal);
        Assert.Contains("test accuracy", stdout, StringComparison.Ordinal);
    }
}
