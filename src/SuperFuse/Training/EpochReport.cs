namespace SuperFuse.Training;

/// <summary>Progress after one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="MaxEpochs">Epoch budget.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation split after the epoch.</param>
/// <param name="BestEpoch">Best epoch so far.</param>
public sealed record EpochReport(int Epoch, int MaxEpochs, double TrainLoss, double ValidationAccuracy, int BestEpoch);

/// <summary>What a training run produced. The model holds the best epoch's weights afterwards.</summary>
/// <param name="BestEpoch">1-based epoch with the highest validation accuracy (earliest on ties).</param>
/// <param name="EpochsRun">Epochs actually run.</param>
/// <param name="ValidationAccuracy">Validation accuracy of the best epoch.</param>
/// <param name="StopReason">Why training ended.</param>
/// <param name="EpochLosses">Mean training loss of each epoch run.</param>
/// <param name="Seconds">Wall time of training.</param>
public sealed record TrainOutcome(int BestEpoch, int EpochsRun, double ValidationAccuracy, StopReason StopReason,
    IReadOnlyList<double> EpochLosses, double Seconds);
