namespace SuperFuse.Robustness;

/// <summary>Accuracy and AUC of one model on the test split under one condition and noise level.</summary>
/// <param name="Condition">Which modality was corrupted.</param>
/// <param name="Alpha">Noise level α.</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="Auc">Test AUC of the positive class.</param>
/// <param name="Draw">Which noise realisation (0 … draws − 1); α = 0 is the clean test set in every draw.</param>
public sealed record NoisePoint(NoiseCondition Condition, double Alpha, double Accuracy, double Auc, int Draw = 0);
