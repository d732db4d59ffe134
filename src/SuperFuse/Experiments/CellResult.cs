using SuperFuse.Metrics;
using SuperFuse.Training;

namespace SuperFuse.Experiments;

/// <summary>The protocol §5 per-run metrics of one trained cell.</summary>
/// <param name="Spec">The cell.</param>
/// <param name="Training">Best epoch, epochs run, validation accuracy, stop reason and time.</param>
/// <param name="TestAccuracy">Clean test accuracy of the best checkpoint.</param>
/// <param name="TestRoc">ROC curve and AUC of the positive class (class 1) on the clean test split.</param>
/// <param name="Parameters">Trainable parameter count.</param>
/// <param name="Seconds">Wall time of the whole cell (training and evaluation).</param>
public sealed record CellResult(CellSpec Spec, TrainOutcome Training, double TestAccuracy, RocCurve TestRoc,
    long Parameters, double Seconds)
{
    /// <summary>The noise sweep when the trainer already ran it (stacked seeds are swept together); null otherwise.</summary>
    public IReadOnlyList<Robustness.NoisePoint>? Noise { get; init; }

    /// <summary>The trainer that trained the cell: plain, stacked or bilinear.</summary>
    public string Trainer { get; init; } = "plain";
}
