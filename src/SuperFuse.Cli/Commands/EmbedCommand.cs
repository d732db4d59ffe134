using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using SuperFuse.Data;
using SuperFuse.Encoders;
using SuperFuse.IO;
using SuperFuse.Reporting;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse embed</c>: raw images and texts → embeddings with real pretrained encoders → Parquet.</summary>
internal static class EmbedCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var o = new EmbedOptionSet();
        var command = new Command("embed", "Embed an image folder (metadata.csv/jsonl + images) with pretrained text and image encoders into Parquet");
        o.AddTo(command);
        command.SetAction(parse => Execute(parse, o, stdout, stderr));
        return command;
    }

    private static int Execute(ParseResult p, EmbedOptionSet o, TextWriter stdout, TextWriter stderr)
    {
        string outPath = p.GetValue(o.Out)!;
        int batch = p.GetValue(o.BatchSize), threads = p.GetValue(o.Threads);
        if (batch < 1) throw new UserInputException($"--batch-size is {batch}; expected at least 1");
        if (threads < 0) throw new UserInputException($"--threads is {threads}; expected 0 (all cores) or more");
        var folder = ImageFolder.Read(p.GetValue(o.Dataset)!, o.Columns(p));
        var labels = p.GetValue(o.Labels) is string l ? ListParsing.Names(l) : null;
        var (items, classes) = LabelSelection.Apply(folder.Items, labels, folder.Metadata);
        int leftOut = folder.Items.Count - items.Count;
        var calibration = p.GetValue(o.ImageInt8) ? CalibrationImages.From(folder, items) : null;
        if (p.GetValue(o.Limit) is int limit) items = items.Take(Math.Max(limit, 0)).ToList();
        EmbedSettings.RefuseInapplicable(p, o);
        var textOptions = o.TextOptions(p);
        var imageOptions = o.ImageOptions(p);
        OutputFolder.Ensure(Path.GetDirectoryName(Path.GetFullPath(outPath))!);

        using var image = EncoderSpec.Image(p.GetValue(o.ImageEncoder)!, p.GetValue(o.ImagePrep), imageOptions, threads, calibration);
        using var text = EncoderSpec.Text(p.GetValue(o.TextEncoder)!, p.GetValue(o.Tokenizer), textOptions, threads, p.GetValue(o.TextInt8));
        var info = new EmbeddingInfo(Path.GetFullPath(folder.Folder), text.Name, image.Name, text.Dim, image.Dim, classes,
            EmbedSettings.Preprocessing(image, text, p.GetValue(o.ImagePrep), p.GetValue(o.Tokenizer)));
        var rows = Existing(outPath, info);
        var done = rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var todo = items.Where(i => !done.Contains(i.Id)).ToList();
        stdout.WriteLine($"{todo.Count} of {items.Count} items to embed ({items.Count - todo.Count} already in {outPath}); {leftOut} rows of other classes left out");

        var clock = Stopwatch.StartNew();
        var lastSave = Stopwatch.StartNew();
        var job = new EmbedJob(text, image, new EmbedOptions(batch, p.GetValue(o.SkipBad)), ReadOrNull);
        var skipped = EmbedProgressView.Run(stderr, todo.Count, progress => job.Run(folder, todo, chunk =>
        {
            rows.AddRange(chunk);
            if (lastSave.Elapsed.TotalSeconds < 20) return;
            EmbeddingParquet.Write(outPath, rows, info);
            lastSave.Restart();
        }, progress));
        EmbeddingParquet.Write(outPath, rows, info);
        WriteSkipped(outPath, skipped, stderr);
        double seconds = clock.Elapsed.TotalSeconds;
        int n = todo.Count - skipped.Count;
        var (decode, imageSeconds, textSeconds) = job.Seconds;
        stdout.WriteLine(FormattableString.Invariant(
            $"embedded {n} items in {seconds:0.0} s ({n / Math.Max(seconds, 1e-9):0.0} items/s; text {text.Name} {text.Dim}-d, image {image.Name} {image.Dim}-d) → {outPath} ({rows.Count} rows)"));
        stdout.WriteLine(FormattableString.Invariant(
            $"throughput: images {n / Math.Max(imageSeconds, 1e-9):0.0}/s in the image tower ({n / Math.Max(imageSeconds + decode, 1e-9):0.0}/s with decoding), texts {n / Math.Max(textSeconds, 1e-9):0.0}/s"));
        return 0;
    }

    private static List<EmbeddedRow> Existing(string path, EmbeddingInfo info)
    {
        var existing = EmbeddingParquet.TryRead(path);
        if (existing is null) return [];
        var (rows, old) = existing.Value;
        if (old is null || old.TextEncoder != info.TextEncoder || old.ImageEncoder != info.ImageEncoder || old.TextDim != info.TextDim || old.ImageDim != info.ImageDim)
        {
            throw new UserInputException($"{path}: holds embeddings of other encoders ({old?.TextEncoder}, {old?.ImageEncoder}); expected the same encoders to resume, or another --out");
        }
        if (EmbedSettings.Difference(old.Preprocessing, info.Preprocessing!) is string difference)
        {
            throw new UserInputException($"{path}: was embedded with other preprocessing ({difference}); expected the same settings to resume, or another --out");
        }
        return rows;
    }

    private static byte[]? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void WriteSkipped(string outPath, IReadOnlyList<SkippedRow> skipped, TextWriter stderr)
    {
        if (skipped.Count == 0) return;
        string log = outPath + ".skipped.tsv";
        var text = new StringBuilder("row\tid\tfile_name\treason\n");
        foreach (var s in skipped) text.Append(CultureInfo.InvariantCulture, $"{s.Row}\t{s.Id}\t{s.FileName}\t{s.Reason}\n");
        AtomicFile.WriteAllText(log, text.ToString());
        stderr.WriteLine($"superfuse: skipped {skipped.Count} bad rows; each with its reason in {log}");
    }
}
