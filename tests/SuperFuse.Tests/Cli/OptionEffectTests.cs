using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using SuperFuse.Cli;
using SuperFuse.Data;
using SuperFuse.Encoders;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Cli;

/// <summary>
/// Every option of <c>run</c>, <c>train</c> and <c>embed</c>, changed from its default, either changes an output or is
/// refused with exit 2. A new option fails this test until it gets a case here, or a place on the short list of
/// options exempt by design (with the reason).
/// </summary>
public sealed class OptionEffectTests : IDisposable
{
    /// <summary>Options whose whole point is to leave the results alone (or that the base invocation itself uses).</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["--threads"] = "results are bit-identical for a thread count by design; only speed may change",
        ["--out"] = "where the outputs go; every case uses it",
        ["--config"] = "the base study of every run case",
        ["--dataset"] = "the base folder of every embed case",
        ["--size"] = "required; every train case gives it",
        ["--max-memory"] = "refuses a study whose estimate exceeds it before anything is written, else leaves it alone (tested in RunBadInputTests)",
        ["--force"] = "redoes finished cells with the same results (tested in RunCommandTests)",
        ["--json"] = "prints the same result as result.json on stdout (tested in RecordsTests)",
        ["--skip-bad"] = "acts on bad rows only (tested in EmbedCommandTests)",
        ["--batch-size:embed"] = "batching of the ONNX towers; the embeddings are the same up to float rounding",
    };

    private readonly TempDir dir = new();
    private readonly Dictionary<string, string> baselines = [];

    public void Dispose() => dir.Dispose();

    private const string Study = """
        {"builtin_count": 300, "builtin_dims": 8, "fusions": ["concat", "product"], "tasks": ["real", "synthetic"],
         "sizes": [16, 32], "seeds": [1, 2], "epochs": 2, "noise": {"alphas": [0, 0.5]}}
        """;

    /// <summary>Variant arguments per option (base arguments first when the option needs them to bite).</summary>
    private Dictionary<string, (string[] Base, string[] Variant)> RunCases() => new()
    {
        ["--preset"] = ([], ["--preset", "paper"]),
        ["--data"] = ([], ["--data", Npz()]),
        ["--fusions"] = ([], ["--fusions", "concat"]),
        ["--tasks"] = ([], ["--tasks", "real"]),
        ["--sizes"] = ([], ["--sizes", "16"]),
        ["--seeds"] = ([], ["--seeds", "3"]),
        ["--epochs"] = ([], ["--epochs", "3"]),
        ["--batch-size"] = ([], ["--batch-size", "8"]),
        ["--alphas"] = ([], ["--alphas", "0,0.3"]),
        ["--noise-mode"] = ([], ["--noise-mode", "mix"]),
        ["--noise-stats"] = ([], ["--noise-stats", "test"]),
        ["--noise-draws"] = ([], ["--noise-draws", "2"]),
        ["--scalar-noise"] = ([], ["--scalar-noise"]),
        ["--labels"] = ([], ["--labels", "1,0"]),
        ["--split-field"] = ([], ["--split-field", "split"]),
        ["--align"] = ([], ["--align", "cca"]),
        ["--robust-alpha"] = ([], ["--robust-alpha", "0.3"]),
        ["--modality-dropout"] = ([], ["--modality-dropout", "0.2"]),
        ["--trainer"] = ([], ["--trainer", "plain"]),
        ["--device"] = ([], ["--device", "cuda"]),
        ["--tensorboard"] = ([], ["--tensorboard", "TB"]),
        ["--shard"] = ([], ["--shard", "0/2"]),
    };

    private Dictionary<string, (string[] Base, string[] Variant)> TrainCases() => new()
    {
        ["--data"] = (["--builtin-count", "300", "--builtin-dims", "8"], ["--data", Npz()]),
        ["--text-field"] = ([], ["--text-field", "other"]),
        ["--image-field"] = ([], ["--image-field", "other"]),
        ["--label-field"] = ([], ["--label-field", "other"]),
        ["--split-field"] = ([], ["--split-field", "split"]),
        ["--builtin-count"] = ([], ["--builtin-count", "400"]),
        ["--builtin-dims"] = ([], ["--builtin-dims", "6"]),
        ["--split-seed"] = ([], ["--split-seed", "1"]),
        ["--device"] = ([], ["--device", "cuda"]),
        ["--fusion"] = ([], ["--fusion", "concat"]),
        ["--task"] = ([], ["--task", "synthetic"]),
        ["--seed"] = ([], ["--seed", "2"]),
        ["--epochs"] = ([], ["--epochs", "3"]),
        ["--batch-size"] = ([], ["--batch-size", "8"]),
        ["--head"] = ([], ["--head", "reference"]),
        ["--early-stop"] = (["--epochs", "12"], ["--early-stop", "--loss-threshold", "1"]),
        ["--loss-threshold"] = ([], ["--loss-threshold", "0.5"]),
        ["--patience"] = (["--epochs", "12"], ["--patience", "1"]),
        ["--trainer"] = ([], ["--trainer", "plain"]),
        ["--align"] = ([], ["--align", "cca"]),
        ["--tensorboard"] = ([], ["--tensorboard", "TB"]),
    };

    private static Dictionary<string, (string[] Base, string[] Variant)> EmbedCases() => new()
    {
        ["--labels"] = ([], ["--labels", "positive,negative"]),
        ["--file-column"] = ([], ["--file-column", "other"]),
        ["--text-column"] = ([], ["--text-column", "other"]),
        ["--label-column"] = ([], ["--label-column", "other"]),
        ["--split-field"] = ([], ["--split-field", "part"]),
        ["--id-column"] = ([], ["--id-column", "text"]),
        ["--image-encoder"] = ([], ["--image-encoder", "onnx:missing.onnx"]),
        ["--image-prep"] = ([], ["--image-prep", "onnx:missing.onnx"]),
        ["--text-encoder"] = ([], ["--text-encoder", "onnx:missing.onnx"]),
        ["--tokenizer"] = ([], ["--tokenizer", "wordpiece:/nonexistent"]),
        ["--image-size"] = ([], ["--image-size", "112"]),
        ["--image-mean"] = ([], ["--image-mean", "0.5,0.5,0.5"]),
        ["--image-std"] = ([], ["--image-std", "0.5,0.5,0.5"]),
        ["--image-scale"] = ([], ["--image-scale", "0.25"]),
        ["--max-tokens"] = ([], ["--max-tokens", "16"]),
        ["--text-pooling"] = ([], ["--text-pooling", "cls"]),
        ["--no-normalize"] = ([], ["--no-normalize"]),
        ["--image-int8"] = ([], ["--image-int8"]),
        ["--text-int8"] = ([], ["--text-int8"]),
        ["--cased"] = ([], ["--cased"]),
        ["--limit"] = ([], ["--limit", "2"]),
    };

    [Theory]
    [InlineData("run")]
    [InlineData("train")]
    [InlineData("embed")]
    public void Every_option_changes_an_output_or_is_refused(string command)
    {
        var cases = command switch { "run" => RunCases(), "train" => TrainCases(), _ => EmbedCases() };
        var options = SuperFuseCli.Root(TextWriter.Null, TextWriter.Null).Subcommands.Single(c => c.Name == command).Options
            .Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help").Select(o => o.Name).ToList();
        var missing = options.Where(o => !cases.ContainsKey(o) && !Exempt.ContainsKey(o) && !Exempt.ContainsKey($"{o}:{command}")).ToList();
        Assert.True(missing.Count == 0, $"{command}: no case for {string.Join(", ", missing)}; add one here or exempt it with a reason");
        var silent = new List<string>();
        foreach (var (option, (extra, variant)) in cases)
        {
            Assert.Contains(option, options);
            string before = Fingerprint(command, extra, out _);
            string after = Fingerprint(command, [.. extra, .. variant], out int exit);
            if (exit != 2 && after == before) silent.Add($"{option} {string.Join(' ', variant)}");
        }
        Assert.True(silent.Count == 0, $"{command}: accepted without any effect: {string.Join("; ", silent)}");
    }

    /// <summary>A hash of what the invocation wrote (or of its exit code and error when it failed).</summary>
    private string Fingerprint(string command, string[] extra, out int exit)
    {
        string key = command + " " + string.Join(' ', extra);
        exit = 0;
        if (baselines.TryGetValue(key, out var cached)) return cached;
        string work = dir.File($"case-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        string[] args = command switch
        {
            "run" => ["run", "--config", StudyFile(), "--out", Path.Combine(work, "res"), .. Rooted(extra, work)],
            "train" => ["train", "--size", "32", "--epochs", "2", .. BuiltinDefaults(extra), "--out", Path.Combine(work, "res"), .. Rooted(extra, work)],
            _ => ["embed", "--dataset", Folder(), "--out", Path.Combine(work, "res", "out.parquet"), "--threads", "2", .. Rooted(extra, work)],
        };
        var result = CliRunner.Run(args);
        exit = result.Exit;
        if (exit != 0) return $"exit {exit}: {result.Err}";
        return baselines[key] = Hash(Path.Combine(work, "res"), work);
    }

    private static string[] BuiltinDefaults(string[] extra) =>
        extra.Contains("--data") || extra.Contains("--builtin-count") ? [] : ["--builtin-count", "300", "--builtin-dims", "8"];

    private static string[] Rooted(string[] extra, string work) => [.. extra.Select(a => a == "TB" ? Path.Combine(work, "res", "tb") : a)];

    /// <summary>The content of every result file, minus what measures the machine (times, provenance, figures).</summary>
    private static string Hash(string folder, string work)
    {
        var text = new StringBuilder();
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string name = Path.GetRelativePath(folder, file);
            text.Append(name).Append('\n');
            if (name.StartsWith("figures", StringComparison.Ordinal) || name.StartsWith("tb", StringComparison.Ordinal) || name.Contains("timing", StringComparison.Ordinal)
                || name.EndsWith(".html", StringComparison.Ordinal) || name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".parquet", StringComparison.Ordinal) && name.StartsWith("tables", StringComparison.Ordinal)
                || name.Contains("provenance", StringComparison.Ordinal) || name.StartsWith("shards", StringComparison.Ordinal) || name.EndsWith(".bin", StringComparison.Ordinal))
            {
                continue;
            }
            text.Append(name.EndsWith(".parquet", StringComparison.Ordinal) ? Embeddings(file) : Stable(File.ReadAllText(file), work));
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Embeddings(string file)
    {
        var (rows, info) = EmbeddingParquet.TryRead(file)!.Value;
        var text = new StringBuilder(System.Text.Json.JsonSerializer.Serialize(info! with { Source = "" }));
        foreach (var r in rows) text.Append(r.Id).Append(r.Label).Append(r.Split).Append(string.Join(',', r.Text)).Append(string.Join(',', r.Image));
        return text.ToString();
    }

    // Wall times and paths differ between any two runs.
    private static string Stable(string content, string work) => string.Join('\n', content.Split('\n')
        .Where(l => !l.Contains("\"seconds\"", StringComparison.Ordinal) && !l.Contains("\"checkpoint\"", StringComparison.Ordinal)))
        .Replace(work, "", StringComparison.Ordinal);

    private string StudyFile()
    {
        string path = dir.File("study.json");
        if (!File.Exists(path)) File.WriteAllText(path, Study);
        return path;
    }

    private string Npz()
    {
        string path = dir.File("other.npz");
        if (File.Exists(path)) return path;
        var g = new SuperFuse.Data.SeededGaussian(6);
        double[] Values(int n) => [.. Enumerable.Range(0, n).Select(_ => g.Next())];
        ArrayFiles.WriteNpz(path, ArrayFiles.Members(Values(300 * 8), Values(300 * 8), 8, [.. Enumerable.Range(0, 300).Select(r => (double)(r % 2))]));
        return path;
    }

    private string Folder()
    {
        string folder = dir.File("set");
        if (Directory.Exists(folder)) return folder;
        for (int k = 0; k < 4; k++) TestImages.Png(dir, $"set/img{k}.png", 30 + k, 20 + k);
        File.WriteAllText(dir.File("set/metadata.csv"),
            "file_name,text,label\nimg0.png,What a lovely day,positive\nimg1.png,Terrible traffic,negative\nimg2.png,meh,neutral\nimg3.png,Great game,positive\n");
        return folder;
    }
}
