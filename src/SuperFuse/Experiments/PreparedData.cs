using SuperFuse.Data;

namespace SuperFuse.Experiments;

/// <summary>A data set with its fixed split and both tasks' labels, shared by every cell of a study.</summary>
public sealed class PreparedData
{
    private readonly Dictionary<LearningTask, PairedDataset> byTask = [];

    /// <summary>
    /// Splits <paramref name="data"/> once with <paramref name="splitSeed"/>, stratified by its real labels, then aligns
    /// unequal widths with <paramref name="align"/> (PCA fitted on the train pool only; a random projection seeded
    /// by the split seed).
    /// </summary>
    public PreparedData(PairedDataset data, int splitSeed, AlignMethod align = AlignMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(data);
        SplitSeed = splitSeed;
        Split = DataSplit.Stratified(data.Labels, splitSeed);
        Align = Alignment.Resolve(align, data);
        Data = Split.TrainPool.Length > 0 ? Alignment.Apply(data, Align, Split.TrainPool, splitSeed) : data;
        if (Split.TrainPool.Length == 0 || Split.Validation.Length == 0 || Split.Test.Length == 0)
        {
            throw new UserInputException(
                $"{data.Source}: {data.Count} rows are too few to split into train, validation and test; expected at least 10 per class");
        }
    }

    /// <summary>The data with its real labels.</summary>
    public PairedDataset Data { get; }

    /// <summary>How the widths were aligned (None when they were equal or alignment was off).</summary>
    public AlignMethod Align { get; }

    /// <summary>The split seed.</summary>
    public int SplitSeed { get; }

    /// <summary>The one fixed split; the synthetic task uses the same rows.</summary>
    public DataSplit Split { get; }

    /// <summary>The data labelled for <paramref name="task"/> (computed once).</summary>
    public PairedDataset For(LearningTask task)
    {
        if (!byTask.TryGetValue(task, out var labelled)) byTask[task] = labelled = task.Apply(Data);
        return labelled;
    }
}
