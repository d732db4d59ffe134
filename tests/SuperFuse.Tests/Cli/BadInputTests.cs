using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary>Each bad input gives exit code 2 and one line on stderr naming the file or field, with no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static void AssertUserError(string[] args, params string[] mentions)
    {
        var (exit, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("superfuse: error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", lines[0], StringComparison.Ordinal);
        foreach (var m in mentions) Assert.Contains(m, lines[0], StringComparison.Ordinal);
    }

    private string[] Train(string data, params string[] extra) =>
        ["train", "--data", data, "--size", "8", "--epochs", "1", "--out", dir.File("out"), .. extra];

    private string Npz(string name, double[] text, double[] image, int dim, double[] labels, string labelDescr = "<i8")
    {
        string path = dir.File(name);
        ArrayFiles.WriteNpz(path, ArrayFiles.Members(text, image, dim, labels, labelDescr: labelDescr));
        return path;
    }

    private static double[] Values(int n) => Enumerable.Range(0, n).Select(i => (double)(i % 7)).ToArray();

    private static double[] Labels(int n) => Enumerable.Range(0, n).Select(i => (double)(i % 2)).ToArray();

    [Fact]
    public void Missing_file() => AssertUserError(Train(dir.File("nope.npz")), "nope.npz", "not found");

    [Fact]
    public void Row_counts_differ() =>
        AssertUserError(Train(Npz("rows.npz", Values(40), Values(38), 2, Labels(20))), "rows.npz", "'image'", "19 rows");

    [Fact]
    public void Nan_values()
    {
        var text = Values(40);
        text[5] = double.NaN;
        AssertUserError(Train(Npz("nan.npz", text, Values(40), 2, Labels(20))), "nan.npz", "'text'", "row 2", "NaN");
    }

    [Fact]
    public void Inf_values()
    {
        var image = Values(40);
        image[0] = double.PositiveInfinity;
        AssertUserError(Train(Npz("inf.npz", Values(40), image, 2, Labels(20))), "inf.npz", "'image'", "Inf");
    }

    [Fact]
    public void Labels_not_0_to_C_minus_1()
    {
        var labels = Labels(20).Select(y => y + 1).ToArray();
        AssertUserError(Train(Npz("lab.npz", Values(40), Values(40), 2, labels)), "lab.npz", "'label'", "class 0");
    }

    [Fact]
    public void Float_labels() =>
        AssertUserError(Train(Npz("flt.npz", Values(40), Values(40), 2, Labels(20), "<f4")), "flt.npz", "'label'", "integer");

    [Fact]
    public void Product_on_unequal_dims()
    {
        string path = dir.File("uneq");
        ArrayFiles.WriteFolder(path, new()
        {
            ["text"] = NpyBytes.Build("<f4", [20, 3], NpyBytes.Encode("<f4", Values(60))),
            ["image"] = NpyBytes.Build("<f4", [20, 2], NpyBytes.Encode("<f4", Values(40))),
            ["label"] = NpyBytes.Build("<i8", [20], NpyBytes.Encode("<i8", Labels(20))),
        });
        AssertUserError(Train(path, "--fusion", "product", "--align", "none"), "product", "3 and 2");
        var aligned = CliRunner.Run(["train", "--data", path, "--fusion", "product", "--size", "8", "--epochs", "1", "--out", dir.File("al")]);
        Assert.True(aligned.Exit == 0, aligned.Err);
    }

    [Fact]
    public void Unknown_fusion() => AssertUserError(Train("builtin", "--fusion", "magic"), "'magic'", "concat");

    [Fact]
    public void Size_larger_than_the_pool() =>
        AssertUserError(["train", "--builtin-count", "100", "--size", "5000", "--out", dir.File("o")], "--size 5000", "train pool");

    [Fact]
    public void Cuda_without_the_cuda_backend() => AssertUserError(Train("builtin", "--device", "cuda"), "--device cuda", "no GPU path yet");

    [Fact]
    public void Unknown_option_is_a_usage_error() => AssertUserError(["train", "--size", "8", "--bogus"], "--bogus");
}
