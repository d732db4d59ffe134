using SuperFuse.Fusion;
using static TorchSharp.torch;

namespace SuperFuse.Model;

/// <summary>Creates models with seeded initial weights.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Seeds libtorch's global generator with <paramref name="seed"/>'s initial-weights stream (<see cref="Data.SeedStreams"/>),
    /// then builds the model, so the same seed gives the same initial weights. libtorch's generator is process-wide: do not build models on two threads at once.
    /// </summary>
    public static FusionClassifier Create(FusionMethod fusion, int textDim, int imageDim, int classes,
        ModelOptions options, int seed)
    {
        random.manual_seed(Data.SeedStreams.Derive(seed, Data.StreamPurpose.Init));
        return new FusionClassifier(fusion, textDim, imageDim, classes, options);
    }

    /// <summary>
    /// Parameter count without allocating the model: D·H + H for the projection, plus the head.
    /// </summary>
    public static long ParameterCount(FusionMethod fusion, int textDim, int imageDim, int classes, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        ArgumentNullException.ThrowIfNull(options);
        long h = options.Hidden;
        long projection = (fusion.OutputDim(textDim, imageDim) * h) + h;
        long middle = options.Head == HeadKind.Reference ? (h * h) + h : 0;
        return fusion.ParameterCount(textDim, imageDim) + projection + middle + (h * classes) + classes;
    }
}
