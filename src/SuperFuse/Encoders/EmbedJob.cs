using System.Diagnostics;
using System.Globalization;
using SuperFuse.Data;

namespace SuperFuse.Encoders;

/// <summary>Embedding options.</summary>
/// <param name="BatchSize">Items per ONNX batch.</param>
/// <param name="SkipBad">Skip (and report) bad rows instead of stopping at the first.</param>
public sealed record EmbedOptions(int BatchSize = 64, bool SkipBad = false);

/// <summary>
/// Embeds the items of an image folder with a text and an image encoder, batch by batch. A bad row (missing or
/// undecodable image, empty text, empty label) stops the job with an error naming the row and file, or with
/// <see cref="EmbedOptions.SkipBad"/> is skipped and reported.
/// </summary>
public sealed class EmbedJob(TextEncoder text, ImageEncoder image, EmbedOptions options, Func<string, byte[]?> readFile)
{
    private readonly Stopwatch decodeClock = new(), imageClock = new(), textClock = new();

    /// <summary>Seconds spent reading and preprocessing images, in the image tower, and in the text tower.</summary>
    public (double Decode, double Image, double Text) Seconds => (decodeClock.Elapsed.TotalSeconds, imageClock.Elapsed.TotalSeconds, textClock.Elapsed.TotalSeconds);

    /// <summary>Embeds <paramref name="items"/>; calls <paramref name="save"/> after every batch with the rows of that batch.</summary>
    public IReadOnlyList<SkippedRow> Run(ImageFolder folder, IReadOnlyList<FolderItem> items, Action<IReadOnlyList<EmbeddedRow>> save,
        IProgress<EmbedProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(save);
        var skipped = new List<SkippedRow>();
        var clock = Stopwatch.StartNew();
        int chunk = options.BatchSize * TextBatches;
        for (int start = 0; start < items.Count && !cancel.IsCancellationRequested; start += chunk)
        {
            var rows = new List<EmbeddedRow>();
            var texts = new List<(string Text, int Row)>();
            for (int sub = start; sub < Math.Min(start + chunk, items.Count) && !cancel.IsCancellationRequested; sub += options.BatchSize)
            {
                var batch = items.Skip(sub).Take(options.BatchSize).ToList();
                rows.AddRange(Batch(folder, batch, skipped, texts));
                int done = Math.Min(sub + options.BatchSize, items.Count);
                progress?.Report(new EmbedProgress(done, items.Count, done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
            }
            save(WithTexts(rows, texts, folder.Metadata));
        }
        return skipped;
    }

    /// <summary>
    /// Image batches per text batch: the texts of 8 image batches are encoded together, so the text tower's length
    /// groups pad less (docs/benchmarks.md). A chunk is saved whole, so a resume redoes at most one chunk.
    /// </summary>
    public const int TextBatches = 8;

    private List<EmbeddedRow> Batch(ImageFolder folder, List<FolderItem> batch, List<SkippedRow> skipped, List<(string Text, int Row)> texts)
    {
        int plane = 3 * image.Options.Size * image.Options.Size;
        var pixels = new float[batch.Count * plane];
        var problems = new string?[batch.Count];
        decodeClock.Start();
        Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            k => problems[k] = Prepare(folder, batch[k], pixels.AsSpan(k * plane, plane)));
        decodeClock.Stop();
        var good = new List<int>();
        for (int k = 0; k < batch.Count; k++)
        {
            if (problems[k] is null) { good.Add(k); continue; }
            var item = batch[k];
            string where = string.Create(CultureInfo.InvariantCulture, $"{folder.Metadata}: row {item.Row} (id {item.Id}, file {item.FileName})");
            if (!options.SkipBad) throw new UserInputException($"{where}: {problems[k]}; expected {Expectation(problems[k]!)} (or --skip-bad)");
            skipped.Add(new SkippedRow(item.Row, item.Id, item.FileName, problems[k]!));
        }
        texts.AddRange(good.Select(k => (batch[k].Text, batch[k].Row)));
        return good.Count == 0 ? [] : EncodeImages(batch, good, pixels, plane);
    }

    /// <summary>Rows with their image vectors (text vectors are filled in per chunk by <see cref="WithTexts"/>).</summary>
    private List<EmbeddedRow> EncodeImages(List<FolderItem> batch, List<int> good, float[] pixels, int plane)
    {
        var chw = new float[good.Count * plane];
        for (int g = 0; g < good.Count; g++) pixels.AsSpan(good[g] * plane, plane).CopyTo(chw.AsSpan(g * plane, plane));
        imageClock.Start();
        var imageVectors = image.Encode(chw, good.Count);
        imageClock.Stop();
        return good.Select((k, g) => new EmbeddedRow(batch[k].Id, batch[k].Label, [], imageVectors.AsSpan(g * image.Dim, image.Dim).ToArray(), batch[k].Split)).ToList();
    }

    private List<EmbeddedRow> WithTexts(List<EmbeddedRow> rows, List<(string Text, int Row)> texts, string source)
    {
        if (rows.Count == 0) return rows;
        textClock.Start();
        var textVectors = text.Encode(texts.Select(t => t.Text).ToList());
        textClock.Stop();
        var result = new List<EmbeddedRow>(rows.Count);
        for (int g = 0; g < rows.Count; g++)
        {
            var row = rows[g] with { Text = textVectors.AsSpan(g * text.Dim, text.Dim).ToArray() };
            if (row.Text.Any(v => !float.IsFinite(v)) || row.Image.Any(v => !float.IsFinite(v)))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{source}: row {texts[g].Row} (id {row.Id}): the encoders gave a non-finite embedding; expected finite numbers"));
            }
            result.Add(row);
        }
        return result;
    }

    /// <summary>Checks one item and preprocesses its image; returns the problem, or null.</summary>
    private string? Prepare(ImageFolder folder, FolderItem item, Span<float> chw)
    {
        if (string.IsNullOrWhiteSpace(item.Text)) return "the text is empty";
        if (string.IsNullOrWhiteSpace(item.Label)) return "the label is empty";
        if (string.IsNullOrWhiteSpace(item.FileName)) return "the file name is empty";
        var bytes = readFile(Path.Combine(folder.Folder, item.FileName));
        if (bytes is null) return "the image file is missing";
        return ImagePreprocessor.TryPreprocess(bytes, image.Options, chw) is string problem ? $"the image {problem}" : null;
    }

    private static string Expectation(string problem) => problem switch
    {
        _ when problem.Contains("missing", StringComparison.Ordinal) => "an image file at file_name, relative to the folder",
        _ when problem.Contains("decoded", StringComparison.Ordinal) => "a JPEG, PNG, GIF, WebP or BMP image",
        _ => "a non-empty text, label and file name",
    };
}
