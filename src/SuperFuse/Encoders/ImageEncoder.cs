using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SuperFuse.Encoders;

/// <summary>
/// An ONNX image tower: preprocessed [B, 3, S, S] in, one vector per image out (the first output, flattened per row:
/// [B, D] or pooled [B, D, 1, 1]). An optional preprocessing model runs first (ML.NET's ResNet18 ships one).
/// </summary>
public sealed class ImageEncoder : IDisposable
{
    private readonly InferenceSession? prep;
    private readonly InferenceSession model;

    /// <summary>Opens the model (and preprocessing model); their batch dimension is made symbolic if it was fixed.</summary>
    public ImageEncoder(string name, byte[] model, byte[]? prep, ImageOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(model);
        Name = name;
        Options = options;
        this.model = OnnxSessions.Open(OnnxBatchDim.MakeDynamic(model, name), threads, name);
        if (prep is not null) this.prep = OnnxSessions.Open(OnnxBatchDim.MakeDynamic(prep, name + " (preprocessing)"), threads, name + " (preprocessing)");
        Dim = Run(new DenseTensor<float>([1, 3, options.Size, options.Size])).Length;
    }

    /// <summary>
    /// Opens <paramref name="model"/> as it is, or with <paramref name="calibration"/> quantised to int8 on the images
    /// it returns (<see cref="OnnxConvQuantizer"/>; the name gets <see cref="OnnxInt8.Suffix"/>).
    /// </summary>
    public static ImageEncoder Open(string name, byte[] model, byte[]? prep, ImageOptions options, int threads, Calibration? calibration)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (calibration is null) return new ImageEncoder(name, model, prep, options, threads);
        var (chw, count) = calibration(options);
        var quantized = OnnxConvQuantizer.Quantize(model, prep, chw, count, options.Size, threads, name);
        return new ImageEncoder(name + OnnxInt8.Suffix, quantized, prep, options, threads);
    }

    /// <summary>Encoder name recorded in the output.</summary>
    public string Name { get; }

    /// <summary>Input options.</summary>
    public ImageOptions Options { get; }

    /// <summary>Embedding width.</summary>
    public int Dim { get; }

    /// <summary>Embeds a batch of preprocessed images (count × 3 × S × S floats), row-major count × Dim.</summary>
    public float[] Encode(float[] chw, int count)
    {
        ArgumentNullException.ThrowIfNull(chw);
        var input = new DenseTensor<float>(chw, [count, 3, Options.Size, Options.Size]);
        return Run(input);
    }

    /// <summary>Runs the tower; returns the first output flattened, row-major.</summary>
    private float[] Run(DenseTensor<float> input)
    {
        if (prep is not null)
        {
            using var prepared = prep.Run([NamedOnnxValue.CreateFromTensor(prep.InputMetadata.Keys.First(), input)]);
            input = prepared[0].AsTensor<float>().ToDenseTensor();
        }
        using var result = model.Run([NamedOnnxValue.CreateFromTensor(model.InputMetadata.Keys.First(), input)]);
        return result[0].AsTensor<float>().ToArray();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        prep?.Dispose();
        model.Dispose();
    }
}
