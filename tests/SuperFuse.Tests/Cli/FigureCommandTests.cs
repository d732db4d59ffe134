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
