using SuperFuse.Metrics;
using SuperFuse.Model;
using SuperFuse.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Robustness;

/// <summary>Evaluates a trained model on the test split for every condition × α (protocol §4).</summary>
public static class NoiseSweep
{
    /// <summary>
    /// For each condition and α, corrupts the test inputs with the shared draws and measures accuracy and AUC.
    /// α = 0 is the clean test set for every condition.
    /// </summary>
    public static IReadOnlyList<NoisePoint> Run(IClassifier model, PairedTensors test, NoiseDraws noise, NoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        return RunMany((text, image) => [Predictor.Probabilities(model, text, image)], test, noise, options)[0];
    }

    /// <summary>
    /// The sweep for several models at once: <paramref name="score"/> gives each model's probabilities (N × C, row-major)
    /// for corrupted text and image, so the corrupted inputs are built once per condition × α for all of them.
    /// </summary>
    public static IReadOnlyList<NoisePoint>[] RunMany(Func<Tensor, Tensor, float[][]> score, PairedTensors test, NoiseDraws noise,
        NoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentNullException.ThrowIfNull(options);
        return RunMany((condition, alpha) =>
        {
            using var scope = NewDisposeScope();
            var text = condition == NoiseCondition.Image ? test.Text : Corrupt(test.Text, noise.Text, options.Mode, alpha);
            var image = condition == NoiseCondition.Text ? test.Image : Corrupt(test.Image, noise.Image, options.Mode, alpha);
            return score(text, image);
        }, test.Labels.data<long>().ToArray(), options);
    }

    /// <summary>
    /// The sweep from a scorer that gives each model's probabilities (N × C, row-major) under one condition and α
    /// directly, for callers that can do better than corrupting and fusing the inputs again.
    /// </summary>
    public static IReadOnlyList<NoisePoint>[] RunMany(Func<NoiseCondition, double, float[][]> score, long[] labels, NoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(options);
        List<NoisePoint>[]? points = null;
        (double Acc, double Auc)[]? clean = null;
        foreach (var condition in Enum.GetValues<NoiseCondition>())
        {
            foreach (double alpha in options.Levels)
            {
                var measured = alpha == 0 && clean is not null ? clean : Measure(score(condition, alpha), labels);
                if (alpha == 0) clean = measured;
                points ??= measured.Select(_ => new List<NoisePoint>()).ToArray();
                for (int k = 0; k < measured.Length; k++) points[k].Add(new NoisePoint(condition, alpha, measured[k].Acc, measured[k].Auc));
            }
        }
        return points ?? [];
    }

    // Each model's accuracy and AUC, models in parallel (each result depends on its own probabilities only).
    private static (double Acc, double Auc)[] Measure(float[][] probabilities, long[] labels)
    {
        var measured = new (double Acc, double Auc)[probabilities.Length];
        Parallel.For(0, probabilities.Length, Runtime.TorchRuntime.LoopOptions,
            k => measured[k] = (Classification.Accuracy(probabilities[k], labels), Roc.Auc(probabilities[k], labels)));
        return measured;
    }

    /// <summary>x + α·n (additive) or (1−α)·x + α·n (mix).</summary>
    public static Tensor Corrupt(Tensor clean, Tensor draw, NoiseMode mode, double alpha)
    {
        ArgumentNullException.ThrowIfNull(clean);
        using var a = alpha.ToScalar();
        if (mode == NoiseMode.Additive) return clean.add(draw, a);
        using var keep = (1 - alpha).ToScalar();
        return clean.mul(keep).add_(draw, a);
    }
}
