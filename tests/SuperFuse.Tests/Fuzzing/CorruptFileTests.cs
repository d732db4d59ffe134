using System.IO.Compression;
using System.Text;
using Parquet;
using Parquet.Schema;
using SuperFuse.Data;
using SuperFuse.Encoders;
using SuperFuse.Experiments;
using SuperFuse.Reporting;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Fuzzing;

/// <summary>
/// In-process mutation fuzzing of the managed readers: small valid files of every format, damaged in seeded random
/// ways, must each either load (damage that only hit float payload) or fail with one <see cref="UserInputException"/>
/// line naming the file, never any other exception. A longer campaign: SUPERFUSE_FUZZ_MUTANTS=N (per format).
/// </summary>
public sealed class CorruptFileTests : IDisposable
{
    private static readonly int Mutants = int.TryParse(Environment.GetEnvironmentVariable("SUPERFUSE_FUZZ_MUTANTS"), out int n) ? n : 400;

    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private static double[] Values(int count, int seed)
    {
        var g = new SeededGaussian(seed);
        return [.. Enumerable.Range(0, count).Select(_ => g.Next())];
    }

    private static Dictionary<string, byte[]> Arrays() =>
        ArrayFiles.Members(Values(40 * 4, 1), Values(40 * 4, 2), 4, [.. Enumerable.Range(0, 40).Select(r => (double)(r % 2))]);

    private static byte[] Npz(CompressionLevel level)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in Arrays())
            {
                using var stream = zip.CreateEntry(name + ".npy", level).Open();
                stream.Write(data);
            }
        }
        return bytes.ToArray();
    }

    private static byte[] Csv()
    {
        var text = new StringBuilder("text_0,text_1,image_0,image_1,label\n");
        var v = Values(40 * 4, 3);
        for (int r = 0; r < 40; r++) text.Append(FormattableString.Invariant($"{v[4 * r]:0.###},{v[4 * r + 1]:0.###},{v[4 * r + 2]:0.###},{v[4 * r + 3]:0.###},{(r % 2 == 0 ? "pos" : "neg")}\n"));
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private byte[] EmbeddingFile()
    {
        var v = Values(30 * 6, 4);
        var rows = Enumerable.Range(0, 30).Select(r => new EmbeddedRow($"id{r}", r % 2 == 0 ? "pos" : "neg",
            [.. v.Skip(6 * r).Take(3).Select(x => (float)x)], [.. v.Skip(6 * r + 3).Take(3).Select(x => (float)x)])).ToList();
        string path = dir.File("valid.parquet");
        EmbeddingParquet.Write(path, rows, new EmbeddingInfo("s", "t", "i", 3, 3, ["pos", "neg"]));
        return File.ReadAllBytes(path);
    }

    /// <summary>Two row groups of float lists and string labels, zstd pages (as DuckDB writes them).</summary>
    private static byte[] ZstdParquet() => ZstdParquetAsync().GetAwaiter().GetResult();

    private static async Task<byte[]> ZstdParquetAsync()
    {
        var text = new DataField("text", typeof(double), isNullable: false, isArray: true);
        var image = new DataField("image", typeof(double), isNullable: false, isArray: true);
        var label = new DataField<string>("label");
        using var bytes = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(text, image, label), bytes,
            new ParquetOptions { CompressionMethod = CompressionMethod.Zstd }))
        {
            for (int g = 0; g < 2; g++)
            {
                using var group = writer.CreateRowGroup();
                var v = Values(20 * 4, 5 + g);
                int[] levels = [.. Enumerable.Range(0, 40).Select(k => k % 2 == 0 ? 0 : 1)];
                await group.WriteAsync<double>(text, v.Where((_, k) => k % 4 < 2).ToArray(), levels, null, default);
                await group.WriteAsync<double>(image, v.Where((_, k) => k % 4 >= 2).ToArray(), levels, null, default);
                await group.WriteAsync(label, Enumerable.Range(0, 20).Select(r => r % 2 == 0 ? "pos" : "neg").ToArray(), null);
            }
        }
        return bytes.ToArray();
    }

    private static byte[] Safetensors()
    {
        byte[] Floats(int n, int seed) => [.. Values(n, seed).SelectMany(x => BitConverter.GetBytes((float)x))];
        byte[] data = [.. Floats(40 * 4, 7), .. Floats(40 * 4, 8), .. Enumerable.Range(0, 40).SelectMany(r => BitConverter.GetBytes((long)(r % 2)))];
        var header = Encoding.UTF8.GetBytes("""
            {"text": {"dtype": "F32", "shape": [40, 4], "data_offsets": [0, 640]},
             "image": {"dtype": "F32", "shape": [40, 4], "data_offsets": [640, 1280]},
             "label": {"dtype": "I64", "shape": [40], "data_offsets": [1280, 1600]}}
            """);
        return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. data];
    }

    public static TheoryData<string> Formats() => ["npz", "npz-deflated", "npy-folder", "csv", "parquet", "parquet-zstd", "safetensors", "pt", "config", "metadata-csv", "metadata-jsonl"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Damaged_files_load_or_fail_with_one_line_never_a_crash(string format)
    {
        var (valid, load) = Case(format);
        load(valid);   // the undamaged file loads
        // A stable seed per format (string hash codes differ between processes), so a failing mutant can be made again.
        var random = new Random(format.Sum(c => c) * 7919 + 20261205);
        var crashes = new List<string>();
        int rejected = 0;
        for (int m = 0; m < Mutants && crashes.Count < 5; m++)
        {
            var (bytes, what) = Mutator.Mutate(valid, random);
            try
            {
                await Task.Run(() => load(bytes)).WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                crashes.Add($"mutant {m} ({what}): still reading after 20 s; saved as {Keep(format, m, bytes)}");
                break;
            }
            catch (UserInputException e)
            {
                rejected++;
                if (e.Message.Contains('\n', StringComparison.Ordinal)) crashes.Add($"mutant {m} ({what}): a message of several lines: {e.Message}");
            }
            catch (Exception e)
            {
                crashes.Add($"mutant {m} ({what}): {e.GetType().Name}: {e.Message}; saved as {Keep(format, m, bytes)}");
            }
        }
        Assert.True(crashes.Count == 0, $"{format}: {string.Join(" | ", crashes)}");
        Assert.True(rejected > 0, $"{format}: no mutant was rejected, so the damage never reached the reader");
    }

    /// <summary>Saves a failing mutant outside the test's folder, to be added to the BadInputs corpus.</summary>
    private static string Keep(string format, int mutant, byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"superfuse-fuzz-{format}-{mutant}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private (byte[] Valid, Action<byte[]> Load) Case(string format)
    {
        string file(string name) => dir.File(name);
        Action<byte[]> Loader(string path, Action read) => bytes =>
        {
            File.WriteAllBytes(path, bytes);
            read();
        };
        return format switch
        {
            "npz" => (Npz(CompressionLevel.NoCompression), Loader(file("d.npz"), () => DatasetLoader.Load(file("d.npz")))),
            "npz-deflated" => (Npz(CompressionLevel.Optimal), Loader(file("d.npz"), () => DatasetLoader.Load(file("d.npz")))),
            "npy-folder" => (Arrays()["text"], bytes =>
            {
                ArrayFiles.WriteFolder(file("npy"), Arrays());
                File.WriteAllBytes(Path.Combine(file("npy"), "text.npy"), bytes);
                DatasetLoader.Load(file("npy"));
            }
            ),
            "csv" => (Csv(), Loader(file("d.csv"), () => DatasetLoader.Load(file("d.csv")))),
            "parquet" => (EmbeddingFile(), Loader(file("d.parquet"), () => DatasetLoader.Load(file("d.parquet")))),
            "parquet-zstd" => (ZstdParquet(), Loader(file("z.parquet"), () => DatasetLoader.Load(file("z.parquet")))),
            "safetensors" => (Safetensors(), Loader(file("d.safetensors"), () => DatasetLoader.Load(file("d.safetensors")))),
            "pt" => (File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TorchFiles", "emb.pt")), Loader(file("d.pt"), () => DatasetLoader.Load(file("d.pt")))),
            "config" => (Encoding.UTF8.GetBytes("""{"builtin_count": 400, "fusions": ["concat", "product"], "sizes": [16, 32], "seeds": [1, 2], "noise": {"alphas": [0, 0.5]}}"""),
                Loader(file("c.json"), () => ConfigJson.Load(file("c.json")))),
            "metadata-csv" => (Encoding.UTF8.GetBytes("file_name,text,label\nimg0.png,\"Hello, world\",positive\nimg1.png,Bad day,negative\n"),
                Loader(Path.Combine(Folder("m1"), "metadata.csv"), () => ImageFolder.Read(file("m1"), new FolderColumns()))),
            _ => (Encoding.UTF8.GetBytes("{\"file_name\": \"img0.png\", \"text\": \"Hello\", \"label\": \"positive\"}\n{\"file_name\": \"img1.png\", \"text\": \"Bad\", \"label\": \"negative\"}\n"),
                Loader(Path.Combine(Folder("m2"), "metadata.jsonl"), () => ImageFolder.Read(file("m2"), new FolderColumns()))),
        };
    }

    private string Folder(string name)
    {
        Directory.CreateDirectory(dir.File(name));
        return dir.File(name);
    }
}
