using SuperFuse.Robustness;

namespace SuperFuse.Experiments;

/// <summary>Everything kept of one finished cell: the protocol §5 run metrics, its ROC curve and its noise sweep.</summary>
public sealed record CellRecord
{
    /// <summary>The cell key, e.g. <c>product-synthetic-n1024-s1</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Fusion name.</summary>
    public required string Fusion { get; init; }

    /// <summary>"real" or "synthetic".</summary>
    public required string Task { get; init; }

    /// <summary>Training size.</summary>
    public required int Size { get; init; }

    /// <summary>Cell seed.</summary>
    public required int Seed { get; init; }

    /// <summary>Number of classes C.</summary>
    public required int Classes { get; init; }

    /// <summary>The results format this record was written in (<see cref="ResultsFormat.Version"/>).</summary>
    public int FormatVersion { get; init; }

    /// <summary>Majority-class share of the test split: the accuracy of always answering the most common class.</summary>
    public double MajorityAccuracy { get; init; }

    /// <summary>Share of each class in the test split, in class order.</summary>
    public double[] TestClassShares { get; init; } = [];

    /// <summary>Majority-class share of the train pool (≥ 0.95 names the task as degenerate).</summary>
    public double TrainMajority { get; init; }

    /// <summary>Name of the train pool's majority class.</summary>
    public string TrainMajorityClass { get; init; } = "";

    /// <summary>The trainer that actually trained the cell: plain, stacked or bilinear (empty in records that predate it).</summary>
    public string Trainer { get; init; } = "";

    /// <summary>1-based best validation epoch.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Epochs run.</summary>
    public required int EpochsRun { get; init; }

    /// <summary>Why training stopped (kebab-case).</summary>
    public required string StopReason { get; init; }

    /// <summary>Validation accuracy of the best epoch.</summary>
    public required double ValAccuracy { get; init; }

    /// <summary>Clean test accuracy.</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>Clean test AUC.</summary>
    public required double TestAuc { get; init; }

    /// <summary>Trainable parameters.</summary>
    public required long Parameters { get; init; }

    /// <summary>Wall seconds of training, evaluation and the noise sweep.</summary>
    public required double Seconds { get; init; }

    /// <summary>ROC false-positive rates (clean test).</summary>
    public required double[] RocFpr { get; init; }

    /// <summary>ROC true-positive rates (clean test).</summary>
    public required double[] RocTpr { get; init; }

    /// <summary>Accuracy and AUC per condition × α × noise draw.</summary>
    public required IReadOnlyList<NoisePoint> Noise { get; init; }
}

/// <summary>Where finished cells live. Implementations must make a save atomic.</summary>
public interface ICellStore
{
    /// <summary>The saved record of <paramref name="key"/>, or null if absent or unreadable (then it is redone).</summary>
    CellRecord? TryLoad(string key);

    /// <summary>Saves a finished cell atomically.</summary>
    void Save(CellRecord record);

    /// <summary>
    /// Claims <paramref name="key"/> for training, or returns null while another live process trains it. Disposing
    /// the claim releases it; a claim left by a crashed process must expire by itself.
    /// </summary>
    IDisposable? TryClaim(string key);
}

/// <summary>Progress of a study.</summary>
/// <param name="Done">Cells finished (including skipped ones).</param>
/// <param name="Total">Cells in the grid.</param>
/// <param name="Current">Key of the cell now running, or of the one just finished.</param>
/// <param name="Trained">Cells trained in this run (not skipped).</param>
/// <param name="Finished">True once <paramref name="Current"/> has finished.</param>
public sealed record StudyProgress(int Done, int Total, string Current, int Trained, bool Finished);

/// <summary>What one <c>StudyRunner.Run</c> did.</summary>
/// <param name="Trained">Cells trained and saved by this process.</param>
/// <param name="Busy">Cells skipped because another live process was training them.</param>
public sealed record StudyRunSummary(int Trained, int Busy);
