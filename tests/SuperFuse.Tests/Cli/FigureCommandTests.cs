using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary><c>superfuse dial</c> and <c>superfuse frontier</c> on tiny studies, one of them with noise-robust training.</summary>
public sealed class FigureCommandTests : IDisposable
{
    private const string Study = """
        {"builtin_count": 400, "builtin_dims": 8, "fusions": ["concat", "product:1", "product:4", "lmf:1", "lmf:2", "gated"],
         "tasks": ["synthetic"], "sizes": [64], "seeds": [1, 2], "epochs": 3, "noise": {"alphas": [0, 0.1, 0.5]}}
        """;

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static void AssertPng(string path) =>
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path)[..4]);

    [Fact]
    public void Dial_and_frontier_figures_are_drawn_from_saved_cells()
    {
        File.WriteAllText(dir.File("s.json"), Study);
        Assert.Equal(0, CliRunner.Run("run", "--config", dir.File("s.json"), "--out", dir.File("clean")).Exit);
        var robust = CliRunner.Run("run", "--config", dir.File("s.json"), "--out", dir.File("robust"), "--robust-alpha", "0.5", "--modality-dropout", "0.2");
        Assert.True(robust.Exit == 0, robust.Err);
        Assert.Contains("\"alpha_max\": 0.5", File.ReadAllText(dir.File("robust/config.json")), StringComparison.Ordinal);

        var dial = CliRunner.Run("dial", dir.File("clean"));
        Assert.True(dial.Exit == 0, dial.Err);
        AssertPng(dir.File("clean/figures/dial.png"));

        var frontier = CliRunner.Run("frontier", dir.File("clean"), dir.File("robust"), "--names", "clean,robust", "--out", dir.File("fig"));
        Assert.True(frontier.Exit == 0, frontier.Err);
        AssertPng(dir.File("fig/frontier.png"));
        Assert.Contains("gated · robust", File.ReadAllText(dir.File("fig/frontier.svg")), StringComparison.Ordinal);

        BadInputCorpusTests.AssertOneLineError(CliRunner.Run("frontier", dir.File("clean"), "--names", "a,b"), ["--names", "2 labels for 1 folders"]);
    }
}

/// <summary><c>--tensorboard</c> writes one event file per cell with the two scalar tags.</summary>
public sealed class TensorBoardTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Run_writes_per_cell_event_files_with_loss_and_validation_accuracy()
    {
        File.WriteAllText(dir.File("s.json"), """
            {"builtin_count": 300, "builtin_dims": 4, "fusions": ["concat"], "tasks": ["real"], "sizes": [16], "seeds": [1, 2], "epochs": 3, "noise": {"alphas": [0, 0.5]}}
            """);
        var result = CliRunner.Run("run", "--config", dir.File("s.json"), "--out", dir.File("r"), "--tensorboard", dir.File("tb"));
        Assert.True(result.Exit == 0, result.Err);
        foreach (var key in new[] { "concat-real-n16-s1", "concat-real-n16-s2" })
        {
            var events = Directory.GetFiles(dir.File($"tb/{key}"), "events.out.tfevents*");
            var bytes = File.ReadAllBytes(Assert.Single(events));
            string text = System.Text.Encoding.Latin1.GetString(bytes);
            Assert.Contains("train/loss", text, StringComparison.Ordinal);
            Assert.Contains("validation/accuracy", text, StringComparison.Ordinal);
        }
    }
}
