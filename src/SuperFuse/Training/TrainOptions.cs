namespace SuperFuse.Training;

/// <summary>Optimiser and loop settings (protocol §3).</summary>
/// <param name="MaxEpochs">At most 100 epochs, as the paper.</param>
/// <param name="BatchSize">64: small enough that the smallest subsets (32) still take a step per epoch, big enough to be quick.</param>
/// <param name="LearningRate">AdamW lr 1e-3, as the paper.</param>
/// <param name="WeightDecay">0, as the paper (note TorchSharp's AdamW default is 0.01).</param>
/// <param name="EarlyStop">Off by default (protocol §3); see <see cref="EarlyStopOptions"/>.</param>
/// <param name="Robust">Training-time corruption (noise-robust training); off by default.</param>
public sealed record TrainOptions(
    int MaxEpochs = 100,
    int BatchSize = 64,
    double LearningRate = 1e-3,
    double WeightDecay = 0.0,
    EarlyStopOptions? EarlyStop = null,
    Corruption? Robust = null)
{
    /// <summary>AdamW β₁ and β₂ (PyTorch defaults, protocol §3).</summary>
    public AdamBetas Betas { get; init; } = new(0.9, 0.999);

    /// <summary>AdamW ε (PyTorch default, protocol §3).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Throws a <see cref="UserInputException"/> for values that cannot train.</summary>
    public void Validate()
    {
        if (MaxEpochs < 1) throw new UserInputException($"epochs is {MaxEpochs}; expected at least 1");
        if (BatchSize < 1) throw new UserInputException($"batch size is {BatchSize}; expected at least 1");
        if (!(LearningRate > 0)) throw new UserInputException($"learning rate is {LearningRate}; expected > 0");
        EarlyStop?.Validate();
        Robust?.Validate();
    }
}

/// <summary>
/// Optional early stop (protocol §3). Either rule may be off (null). The reference code stops when the std of the last
/// 10 epochs' mean training loss is ≤ 1e-4.
/// </summary>
/// <param name="LossStdThreshold">Stop once the population std of the last <paramref name="LossWindow"/> epoch losses is at or below this.</param>
/// <param name="LossWindow">Epochs in the loss-plateau window.</param>
/// <param name="Patience">Stop once validation accuracy has not improved for this many epochs.</param>
public sealed record EarlyStopOptions(double? LossStdThreshold = 1e-4, int LossWindow = 10, int? Patience = null)
{
    /// <summary>Throws a <see cref="UserInputException"/> for values that make no sense.</summary>
    public void Validate()
    {
        if (LossWindow < 2) throw new UserInputException($"early-stop window is {LossWindow}; expected at least 2");
        if (Patience is < 1) throw new UserInputException($"patience is {Patience}; expected at least 1");
        if (LossStdThreshold is < 0) throw new UserInputException($"loss threshold is {LossStdThreshold}; expected ≥ 0");
    }
}

/// <summary>AdamW's two moment decay rates; a record, so that they serialise as <c>{"beta1": …, "beta2": …}</c>.</summary>
/// <param name="Beta1">First-moment decay β₁.</param>
/// <param name="Beta2">Second-moment decay β₂.</param>
public sealed record AdamBetas(double Beta1, double Beta2);
