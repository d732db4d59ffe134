using System.Globalization;

namespace SuperFuse.Encoders;

/// <summary>Calibration images for int8 image towers: preprocessed CHW floats for the given options, and their count.</summary>
public delegate (float[] Chw, int Count) Calibration(ImageOptions options);

/// <summary>What the user asked for on the command line: a built-in encoder name or <c>onnx:PATH</c>.</summary>
public static class EncoderSpec
{
    /// <summary>
    /// Opens the image encoder named by <paramref name="spec"/> (<c>resnet18</c> or <c>onnx:PATH</c>, with an optional
    /// preprocessing model <c>onnx:PATH</c> run first); with <paramref name="calibration"/>, its convolutions run in
    /// int8, calibrated on the images it returns.
    /// </summary>
    public static ImageEncoder Image(string spec, string? prep, ImageOptions? options, int threads, Calibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec == DefaultEncoders.ResNet18) return DefaultEncoders.OpenResNet18(threads, calibration);
        string path = OnnxPath(spec, "--image-encoder", DefaultEncoders.ResNet18);
        byte[]? prepModel = prep is null ? null : ReadModel(OnnxPath(prep, "--image-prep", "onnx:PATH"));
        return ImageEncoder.Open(path, ReadModel(path), prepModel, options ?? ImageOptions.ImageNet224, threads, calibration);
    }

    /// <summary>
    /// Opens the text encoder named by <paramref name="spec"/>: <c>minilm</c>, or <c>onnx:PATH</c> with a
    /// <c>wordpiece:VOCAB</c> or <c>clip-bpe:VOCAB.json,MERGES.txt</c> tokenizer; with <paramref name="quantized"/>, its
    /// matrix products run on int8 weights (<see cref="OnnxInt8"/>).
    /// </summary>
    public static TextEncoder Text(string spec, string? tokenizer, TextOptions options, int threads, bool quantized = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        if (spec == DefaultEncoders.MiniLM) return DefaultEncoders.OpenMiniLM(threads, quantized);
        string path = OnnxPath(spec, "--text-encoder", DefaultEncoders.MiniLM);
        return TextEncoder.Open(path, ReadModel(path), Tokenizer(tokenizer, options), options, threads, quantized);
    }

    /// <summary>Whether <paramref name="tokenizer"/> names CLIP's BPE (whose context is 77 tokens).</summary>
    public static bool IsClipBpe(string? tokenizer) => tokenizer?.StartsWith(ClipBpe, StringComparison.Ordinal) == true;

    private const string WordPiece = "wordpiece:";
    private const string ClipBpe = "clip-bpe:";

    private static ITextTokenizer Tokenizer(string? tokenizer, TextOptions options)
    {
        if (tokenizer?.StartsWith(WordPiece, StringComparison.Ordinal) == true)
        {
            string vocab = tokenizer[WordPiece.Length..];
            if (!File.Exists(vocab)) throw new UserInputException($"{vocab}: file not found; expected a WordPiece vocab.txt (one token per line)");
            using var reader = new StringReader(Data.TextFiles.ReadUtf8(vocab));
            return new WordPieceTokenizer(reader, options.Lowercase);
        }
        if (IsClipBpe(tokenizer))
        {
            var files = tokenizer![ClipBpe.Length..].Split(',');
            if (files.Length != 2) throw new UserInputException($"--tokenizer '{tokenizer}' is not valid; expected clip-bpe:PATH/vocab.json,PATH/merges.txt");
            return new ClipBpeTokenizer(files[0], files[1]);
        }
        throw new UserInputException($"--tokenizer '{tokenizer}' is not supported; expected wordpiece:PATH/vocab.txt or clip-bpe:PATH/vocab.json,PATH/merges.txt for an ONNX text encoder");
    }

    /// <summary>Parses three comma-separated floats (a per-channel mean or std).</summary>
    public static float[] Triple(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        var values = parts.Select(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) ? v : float.NaN).ToArray();
        if (values.Length != 3 || values.Any(v => !float.IsFinite(v)))
        {
            throw new UserInputException($"{option} '{text}' is not valid; expected three numbers R,G,B such as 0.485,0.456,0.406");
        }
        return values;
    }

    private static string OnnxPath(string spec, string option, string builtin)
    {
        if (!spec.StartsWith("onnx:", StringComparison.Ordinal)) throw new UserInputException($"{option} '{spec}' is not known; expected {builtin} or onnx:PATH");
        string path = spec["onnx:".Length..];
        return File.Exists(path) ? path : throw new UserInputException($"{path}: file not found; expected an ONNX model ({option})");
    }

    private static byte[] ReadModel(string path) => File.ReadAllBytes(path);
}
