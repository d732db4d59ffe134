using System.Security.Cryptography;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary>
/// Every case of <c>BadInputs/cases.tsv</c> through the real <c>superfuse</c> process: one clear line on stderr naming
/// the file/row/key, exit code 2, no stack trace, and the finished results in the output folder untouched.
/// </summary>
public sealed class BadInputCorpusTests(FinishedResults finished) : IClassFixture<FinishedResults>
{
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "BadInputs");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(Corpus, "cases.tsv")).Where(l => l.Length > 0 && l[0] != '#'))
        {
            var fields = line.Split('\t');
            data.Add(fields[0], fields[1], fields[2]);
        }
        return data;
    }

    internal static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    internal static void AssertOneLineError((int Exit, string Out, string Err) result, IEnumerable<string> mentions)
    {
        var lines = result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(result.Exit == 2, $"exit {result.Exit}: {result.Err}");
        Assert.True(lines.Length == 1, "expected one line on stderr, got:\n" + result.Err);
        Assert.StartsWith("superfuse: error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Err, StringComparison.Ordinal);
        foreach (var m in mentions) Assert.Contains(m, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_corpus_covers_the_required_kinds_of_bad_input()
    {
        var names = Cases().Select(c => (string)c[0]).ToHashSet();
        foreach (var required in new[] { "nan", "inf", "wrong-dims", "mismatched-dims", "mismatched-rows", "label-out-of-range",
            "label-float", "empty", "single-class", "truncated-npy", "garbage-npz", "truncated-npz", "garbage-parquet",
            "truncated-parquet", "unknown-dtype", "config-unknown-key", "config-negative-size", "config-alpha-one", "config-not-utf8" })
        {
            Assert.Contains(required, names);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_case_gives_one_clear_line_and_exit_2_and_leaves_results_untouched(string name, string arguments, string mentions)
    {
        Assert.False(string.IsNullOrEmpty(name));
        string config = finished.Config, results = finished.Folder;
        var before = Snapshot(results);

        var args = arguments.Split(' ').Select(a => a.Replace("{corpus}", Corpus, StringComparison.Ordinal)
            .Replace("{config}", config, StringComparison.Ordinal).Replace("{out}", results, StringComparison.Ordinal)).ToArray();
        AssertOneLineError(SuperfuseProcess.Run(args), mentions.Split('|'));
        Assert.Equal(before, Snapshot(results));
    }
}

/// <summary>A results folder with one finished tiny study, shared by the corpus cases.</summary>
public sealed class FinishedResults : IDisposable
{
    private readonly TempDir dir = new();

    public FinishedResults()
    {
        File.WriteAllText(Config, """
            {"builtin_count": 300, "builtin_dims": 4, "fusions": ["concat"], "tasks": ["real"], "sizes": [16], "seeds": [1],
             "epochs": 2, "noise": {"alphas": [0, 0.5]}}
            """);
        var run = SuperfuseProcess.Run(["run", "--config", Config, "--out", Folder, "--threads", "1"]);
        if (run.Exit != 0) throw new InvalidOperationException(run.Err);
    }

    public string Config => dir.File("tiny.json");

    public string Folder => dir.File("results");

    public void Dispose() => dir.Dispose();
}
