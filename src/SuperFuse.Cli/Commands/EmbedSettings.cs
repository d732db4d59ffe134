using System.CommandLine;
using System.Globalization;
using SuperFuse.Encoders;

namespace SuperFuse.Cli.Commands;

/// <summary>Which <c>embed</c> options apply to the chosen encoders, and the preprocessing that ran, as recorded in the output.</summary>
internal static class EmbedSettings
{
    /// <summary>
    /// Refuses options that the chosen encoders would ignore: the built-in ResNet18 and MiniLM bring their own
    /// preprocessing and tokenizer, so the ONNX-encoder options cannot change their output.
    /// </summary>
    public static void RefuseInapplicable(ParseResult p, EmbedOptionSet o)
    {
        if (p.GetValue(o.ImageEncoder) == DefaultEncoders.ResNet18)
        {
            Refuse(p, "--image-encoder resnet18", o.ImageSize, o.ImageMean, o.ImageStd, o.ImageScale, o.ImagePrep);
        }
        if (p.GetValue(o.TextEncoder) == DefaultEncoders.MiniLM)
        {
            Refuse(p, "--text-encoder minilm", o.Tokenizer, o.MaxTokens, o.Pooling, o.NoNormalize, o.Cased);
        }
    }

    /// <summary>The effective preprocessing of both towers, keyed by setting.</summary>
    public static SortedDictionary<string, string> Preprocessing(ImageEncoder image, TextEncoder text, string? prep, string? tokenizer)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(text);
        static string Floats(float[] v) => string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)));
        var i = image.Options;
        var t = text.Options;
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["image_size"] = i.Size.ToString(CultureInfo.InvariantCulture),
            ["image_scale"] = i.Scale.ToString("R", CultureInfo.InvariantCulture),
            ["image_mean"] = Floats(i.Mean),
            ["image_std"] = Floats(i.Std),
            ["image_prep"] = image.Name == DefaultEncoders.ResNet18 || image.Name.StartsWith(DefaultEncoders.ResNet18 + "-", StringComparison.Ordinal) ? "built-in" : prep ?? "none",
            ["tokenizer"] = tokenizer ?? "built-in",
            ["max_tokens"] = t.MaxTokens.ToString(CultureInfo.InvariantCulture),
            ["text_pooling"] = t.Pooling.ToString().ToLowerInvariant(),
            ["normalize"] = t.Normalize ? "true" : "false",
            ["lowercase"] = t.Lowercase ? "true" : "false",
        };
    }

    /// <summary>The first setting that differs ("image_scale 1 in the file, 0.25 now"), or null when all agree.</summary>
    public static string? Difference(IReadOnlyDictionary<string, string>? saved, IReadOnlyDictionary<string, string> now)
    {
        ArgumentNullException.ThrowIfNull(now);
        if (saved is null) return "the file records no preprocessing settings";
        foreach (var (key, value) in now)
        {
            string old = saved.TryGetValue(key, out var v) ? v : "absent";
            if (old != value) return $"{key} {old} in the file, {value} now";
        }
        return null;
    }

    private static void Refuse(ParseResult p, string encoder, params Option[] options)
    {
        foreach (var option in options)
        {
            if (p.GetResult(option) is { Implicit: false })
            {
                throw new UserInputException($"{option.Name} does not apply to {encoder}, which brings its own preprocessing; expected it only with an ONNX encoder (onnx:PATH)");
            }
        }
    }
}
