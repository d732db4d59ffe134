using SuperFuse.Data;

namespace SuperFuse.Experiments;

/// <summary>A data set with its fixed split and both tasks' labels, shared by every cell of a study.</summary>
public sealed class PreparedData
{
    private readonly Dictionary<LearningTask, PairedDataset> byTask = [];

    /// <summary>
    /// Splits <paramref name="data"/> once with <paramref name="splitSeed"/>, stratified by its real labels, then aligns
    /// its modalities with <paramref name="align"/>, fitted on the train pool only (a random projection seeded by the
    /// split seed).
    /// </summary>
    public PreparedData(PairedDataset data, int splitSeed, AlignMethod align = AlignMethod.Auto, double ccaRidge = Alignment.DefaultCcaRidge)
    {
        ArgumentNullException.ThrowIfNull(data);
        SplitSeed = splitSeed;
        if (data.Splits is { } given)
        {
            (Split, bool drawn) = DataSplit.Given(given, data.Labels, splitSeed, data.Source);
            SplitSource = drawn ? SplitSources.GivenValidationDrawn : SplitSources.Given;
        }
        else Split = DataSplit.Stratified(data.Labels, splitSeed);
        if (Split.TrainPool.Length == 0 || Split.Validation.Length == 0 || Split.Test.Length == 0)
        {
            throw new UserInputException(
                $"{data.Source}: {data.Count} rows are too few to split into train, validation and test; expected at least 10 per class");
        }
        var aligned = Alignment.Apply(data, align, Split.TrainPool, splitSeed, ccaRidge);
        Data = aligned.Data;
        Align = aligned.Method;
        AlignWidth = aligned.Width;
    }

    /// <summary>The data with its real labels.</summary>
    public PairedDataset Data { get; }

    /// <summary>How the modalities were aligned (None when they were left as they are).</summary>
    public AlignMethod Align { get; }

    /// <summary>The common width the alignment produced; null when none ran.</summary>
    public int? AlignWidth { get; }

    /// <summary>Where the split came from (<see cref="SplitSources"/>).</summary>
    public string SplitSource { get; } = SplitSources.Stratified;

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

    /// <summary>The class shares of <paramref name="task"/>'s test split: its majority rate is every accuracy's baseline.</summary>
    public ClassBalance TestBalance(LearningTask task) => ClassBalance.Of(For(task).Labels, Split.Test, For(task).ClassCount);

    /// <summary>The class shares of <paramref name="task"/>'s train pool.</summary>
    public ClassBalance TrainBalance(LearningTask task) => ClassBalance.Of(For(task).Labels, Split.TrainPool, For(task).ClassCount);

    /// <summary>The degenerate-label warning of <paramref name="task"/> (protocol §1), or null.</summary>
    public string? Warning(LearningTask task)
    {
        var balance = TrainBalance(task);
        return ClassBalance.DegenerateWarning(task.Name(), balance.Majority, For(task).ClassNames[balance.MajorityClass]);
    }
}

/// <summary>The values of <c>split_source</c> in config.json.</summary>
public static class SplitSources
{
    /// <summary>Drawn by the split seed, stratified 80/10/10.</summary>
    public const string Stratified = "stratified";

    /// <summary>The data set's own train, validation and test parts.</summary>
    public const string Given = "given";

    /// <summary>The data set's own train and test parts; validation a stratified 10 % of the given train part.</summary>
    public const string GivenValidationDrawn = "given, validation drawn from the train part";
}
