using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

public sealed class RunBadInputTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static void AssertUserError((int Exit, string Out, string Err) result, params string[] mentions)
    {
        Assert.Equal(2, result.Exit);
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        foreach (var m in mentions) Assert.Contains(m, lines[0], StringComparison.Ordinal);
    }

    private (int, string, string) Run(params string[] args) => CliRunner.Run(["run", "--out", dir.File("res"), .. args]);

    [Fact]
    public void Unknown_preset() => AssertUserError(Run("--preset", "huge"), "'huge'", "quick");

    [Fact]
    public void Unknown_fusion() => AssertUserError(Run("--fusions", "concat,magic"), "'magic'");

    [Fact]
    public void Unknown_task() => AssertUserError(Run("--tasks", "imaginary"), "'imaginary'");

    [Theory]
    [InlineData("0")]
    [InlineData("-4")]
    [InlineData(",")]
    public void Bad_sizes(string sizes) => AssertUserError(Run("--sizes", sizes), "--sizes");

    [Theory]
    [InlineData("0,1")]
    [InlineData("0,1.5")]
    [InlineData("0,-0.1")]
    public void Alpha_outside_0_to_1(string alphas) => AssertUserError(Run("--alphas", alphas), "[0, 1)");

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Max_memory_must_be_positive(string gib) => AssertUserError(Run("--max-memory", gib), "--max-memory", "positive");

    [Fact]
    public void A_study_above_max_memory_is_refused_before_anything_is_written()
    {
        AssertUserError(Run("--max-memory", "0.05"), "--max-memory is 0.05 GiB", "GiB at peak");
        Assert.False(Directory.Exists(dir.File("res")));
    }

    [Fact]
    public void Unwritable_output_folder()
    {
        File.WriteAllText(dir.File("file"), "not a folder");
        AssertUserError(CliRunner.Run("run", "--out", dir.File("file/res")), "file/res", "writable");
    }

    [Fact]
    public void Config_with_unknown_key()
    {
        File.WriteAllText(dir.File("bad.json"), """{"epochs": 3, "learning_rate_typo": 1}""");
        AssertUserError(Run("--config", dir.File("bad.json")), "bad.json", "learning_rate_typo");
    }

    [Fact]
    public void Folder_of_another_study_needs_force()
    {
        Directory.CreateDirectory(dir.File("res"));
        File.WriteAllText(dir.File("res/config.json"), "{\"epochs\": 1}");
        AssertUserError(Run("--epochs", "3"), "config.json", "--force");
    }
}
