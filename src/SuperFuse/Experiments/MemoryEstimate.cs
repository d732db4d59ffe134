using SuperFuse.Fusion;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using static TorchSharp.torch;

namespace SuperFuse.Experiments;

/// <summary>
/// A study's peak resident memory, estimated before it trains from the data's shape and its work units. What a run
/// holds at its peak: the embeddings (for the whole run), the first-layer inputs of one fusion at a time (the fast
/// trainers compute them once for every row; the plain trainer copies its subset and the validation rows instead), and
/// one unit's evaluation: the test split as tensors, its noise draws, the noise expansion's terms and, where the clean
/// scoring cannot read the cached features, a fused copy of the split.
/// docs/benchmarks.md compares it with measured peaks.
/// </summary>
/// <param name="Embeddings">Bytes of the two embedding matrices.</param>
/// <param name="Features">Bytes of the largest unit's first-layer inputs.</param>
/// <param name="Evaluation">Bytes of the largest unit's test tensors, noise draws and terms.</param>
public sealed record MemoryEstimate(long Embeddings, long Features, long Evaluation)
{
    /// <summary>The .NET runtime, libtorch and their code and buffers, measured with a tiny study.</summary>
    public const long Runtime = 400L << 20;

    /// <summary>The estimated peak, in bytes.</summary>
    public long Total => Embeddings + Features + Evaluation + Runtime;

    /// <summary>The estimate for running <paramref name="units"/> on <paramref name="data"/>.</summary>
    public static MemoryEstimate Of(PreparedData data, IReadOnlyList<CellGroup> units, StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(config);
        var d = data.Data;
        long rowBytes = (long)(d.TextDim + d.ImageDim) * sizeof(float);
        long embeddings = d.Count * rowBytes;
        long cached = 0, copied = 0, evaluation = 0;
        foreach (var unit in units)
        {
            var first = unit.Cells[0];
            var fusion = first.Fusion.Method;
            long width = InputWidth(fusion, d.TextDim, d.ImageDim);
            long test = data.Split.Test.Length;
            if (unit.Kind == TrainerKind.Plain) copied = Math.Max(copied, (first.Size + data.Split.Validation.Length) * rowBytes);
            else cached = Math.Max(cached, d.Count * width * sizeof(float));
            long draws = (long)config.Noise.Draws * test * rowBytes;
            long terms = (long)unit.Cells.Count * test * first.Model.Hidden * sizeof(float) * 4;
            // Seeds trained together score the clean test rows from the features every row has; the rest fuse the split again.
            long fused = unit.Kind == TrainerKind.Stacked && fusion.Algebra != FusionAlgebra.Other ? 0 : test * width * sizeof(float);
            evaluation = Math.Max(evaluation, (test * rowBytes) + draws + fused + terms);
        }
        // A fusion's cached features stay until the next fast unit asks for another's, so a plain unit may run beside them.
        return new MemoryEstimate(embeddings, cached + copied, evaluation);
    }

    // Floats per row of a fusion's first-layer input: the fused vector, or a tensor-like fusion's two factors.
    private static long InputWidth(FusionMethod fusion, int textDim, int imageDim)
    {
        if (!fusion.IsBilinear) return fusion.OutputDim(textDim, imageDim);
        using var scope = NewDisposeScope();
        var (left, right) = fusion.BilinearFactors(zeros(1, textDim), zeros(1, imageDim))!.Value;
        return left.shape[1] + right.shape[1];
    }

    /// <summary>One line for the user, in GiB: the total and its parts.</summary>
    public string Describe() => FormattableString.Invariant(
        $"about {GiB(Total):0.0} GiB at peak (embeddings {GiB(Embeddings):0.0}, features {GiB(Features):0.0}, evaluation {GiB(Evaluation):0.0}, runtime {GiB(Runtime):0.0})");

    /// <summary>Bytes in GiB (2³⁰ bytes, the unit of Slurm's <c>--mem=8G</c>).</summary>
    public static double GiB(long bytes) => bytes / (double)(1L << 30);
}
