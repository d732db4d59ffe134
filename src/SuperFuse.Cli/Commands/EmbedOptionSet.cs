using System.CommandLine;
using SuperFuse.Encoders;

namespace SuperFuse.Cli.Commands;

/// <summary>The options of <c>superfuse embed</c>.</summary>
internal sealed class EmbedOptionSet
{
    public Option<string> Dataset { get; } = new("--dataset") { Description = "Image folder with metadata.csv or metadata.jsonl (file_name, text, label)", Required = true };
    public Option<string> Out { get; } = new("--out") { Description = "Output .parquet (re-running skips rows already in it)", Required = true };
    public Option<string?> Labels { get; } = new("--labels") { Description = "Keep only these classes, in this order, e.g. positive,negative" };
    public Option<string> FileColumn { get; } = new("--file-column") { Description = "Column with the image file name", DefaultValueFactory = _ => "file_name" };
    public Option<string> TextColumn { get; } = new("--text-column") { Description = "Column with the text", DefaultValueFactory = _ => "text" };
    public Option<string> LabelColumn { get; } = new("--label-column") { Description = "Column with the label", DefaultValueFactory = _ => "label" };
    public Option<string?> SplitColumn { get; } = new("--split-field") { Description = "Column with the data set's own split (train/validation/test or 0/1/2), written to the output's split column" };
    public Option<string> IdColumn { get; } = new("--id-column") { Description = "Column with the id (default: file name when absent)", DefaultValueFactory = _ => "id" };
    public Option<string> ImageEncoder { get; } = new("--image-encoder") { Description = "resnet18 (default, 512-d) or onnx:PATH", DefaultValueFactory = _ => DefaultEncoders.ResNet18 };
    public Option<string?> ImagePrep { get; } = new("--image-prep") { Description = "For an ONNX image encoder: a preprocessing model onnx:PATH run first" };
    public Option<string> TextEncoder { get; } = new("--text-encoder") { Description = "minilm (default, all-MiniLM-L6-v2, 384-d) or onnx:PATH", DefaultValueFactory = _ => DefaultEncoders.MiniLM };
    public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = "For an ONNX text encoder: wordpiece:PATH/vocab.txt or clip-bpe:PATH/vocab.json,PATH/merges.txt" };
    public Option<int> ImageSize { get; } = new("--image-size") { Description = "ONNX image encoder input side", DefaultValueFactory = _ => 224 };
    public Option<string> ImageMean { get; } = new("--image-mean") { Description = "ONNX image encoder channel mean (R,G,B) after scaling", DefaultValueFactory = _ => "0.485,0.456,0.406" };
    public Option<string> ImageStd { get; } = new("--image-std") { Description = "ONNX image encoder channel std (R,G,B)", DefaultValueFactory = _ => "0.229,0.224,0.225" };
    public Option<float> ImageScale { get; } = new("--image-scale") { Description = "Multiplier on 0–255 pixels before mean/std", DefaultValueFactory = _ => 1f / 255 };
    public Option<int?> MaxTokens { get; } = new("--max-tokens") { Description = "ONNX text encoder: longest input in tokens (default 256; 77 with clip-bpe)" };
    public Option<string?> Pooling { get; } = new("--text-pooling") { Description = "ONNX text encoder pooling of [B, T, D] outputs: mean, cls or last (default mean; last with clip-bpe)" };
    public Option<bool> NoNormalize { get; } = new("--no-normalize") { Description = "ONNX text encoder: do not L2-normalise" };
    public Option<bool> ImageInt8 { get; } = new("--image-int8") { Description = "Image tower's convolutions in int8, calibrated on the first 64 readable images (about 1.4x faster here; embeddings differ slightly)" };
    public Option<bool> TextInt8 { get; } = new("--text-int8") { Description = "Text tower on int8 weights (about 1.4x faster here; embeddings differ slightly, cosine ≈ 0.99 to float32)" };
    public Option<bool> Cased { get; } = new("--cased") { Description = "ONNX text encoder: cased vocabulary (no lower-casing)" };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Items per ONNX batch", DefaultValueFactory = _ => 64 };
    public Option<int> Threads { get; } = new("--threads") { Description = "ONNX Runtime threads (0 = one per core)", DefaultValueFactory = _ => 0 };
    public Option<int?> Limit { get; } = new("--limit") { Description = "Embed only the first N items (after --labels)" };
    public Option<bool> SkipBad { get; } = new("--skip-bad") { Description = "Skip bad rows and list them in OUT.skipped.tsv instead of stopping" };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Dataset, Out, Labels, FileColumn, TextColumn, LabelColumn, SplitColumn, IdColumn, ImageEncoder, ImagePrep, TextEncoder, Tokenizer,
            ImageSize, ImageMean, ImageStd, ImageScale, MaxTokens, Pooling, NoNormalize, ImageInt8, TextInt8, Cased, BatchSize, Threads, Limit, SkipBad })
        {
            command.Options.Add(o);
        }
    }

    public FolderColumns Columns(ParseResult p) =>
        new(p.GetValue(FileColumn)!, p.GetValue(TextColumn)!, p.GetValue(LabelColumn)!, p.GetValue(IdColumn)!, p.GetValue(SplitColumn));

    public ImageOptions ImageOptions(ParseResult p) =>
        new(p.GetValue(ImageSize), p.GetValue(ImageScale), EncoderSpec.Triple("--image-mean", p.GetValue(ImageMean)!), EncoderSpec.Triple("--image-std", p.GetValue(ImageStd)!));

    public TextOptions TextOptions(ParseResult p)
    {
        bool clip = EncoderSpec.IsClipBpe(p.GetValue(Tokenizer));
        string pooling = p.GetValue(Pooling) ?? (clip ? "last" : "mean");
        var mode = pooling switch
        {
            "mean" => TextPooling.Mean,
            "cls" => TextPooling.Cls,
            "last" => TextPooling.Last,
            _ => throw new UserInputException($"--text-pooling '{pooling}' is not valid; expected mean, cls or last"),
        };
        int maxTokens = p.GetValue(MaxTokens) ?? (clip ? ClipBpeTokenizer.ContextLength : 256);
        if (maxTokens < 2) throw new UserInputException($"--max-tokens {maxTokens} is not valid; expected at least 2 (room for the start and end tokens)");
        return new TextOptions(maxTokens, mode, !p.GetValue(NoNormalize), !p.GetValue(Cased));
    }
}
