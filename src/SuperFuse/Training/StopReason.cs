namespace SuperFuse.Training;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>All epochs ran.</summary>
    MaxEpochs,

    /// <summary>The training loss plateaued (std of the last window of epoch losses ≤ threshold).</summary>
    LossPlateau,

    /// <summary>Validation accuracy did not improve for the patience.</summary>
    Patience,

    /// <summary>The caller cancelled.</summary>
    Cancelled,
}
