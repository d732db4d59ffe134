using SuperFuse.Data;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Robustness;
using SuperFuse.Training;

namespace SuperFuse.Experiments;

/// <summary>
/// Everything that determines a study's results. Presets fill it (<see cref="Presets"/>), a JSON file or command-line
/// options override it, and the resolved value is saved as <c>config.json</c> beside the results.
/// </summary>
public sealed record StudyConfig
{
    /// <summary>Data set: "builtin", a .npz, .parquet, .safetensors, .pt or .csv file, or a folder (<see cref="Data.DatasetLoader"/>).</summary>
    public string Data { get; init; } = BuiltinDataset.Name;

    /// <summary>Rows of the built-in data (ignored for files).</summary>
    public int BuiltinCount { get; init; } = new BuiltinOptions().Count;

    /// <summary>Text and image width of the built-in data (ignored for files).</summary>
    public int BuiltinDims { get; init; } = 768;

    /// <summary>Array or column names in data files.</summary>
    public FieldNames Fields { get; init; } = new();

    /// <summary>Seed of the one fixed split (and of a validation part drawn from a given train part).</summary>
    public int SplitSeed { get; init; }

    /// <summary>
    /// Where the split came from, recorded by a run: "stratified" (drawn by the split seed), "given" (the data set's own
    /// parts, <c>fields.split</c> or a Hugging Face split folder) or "given, validation drawn from the train part".
    /// </summary>
    public string? SplitSource { get; init; }

    /// <summary>Classes to keep, in class order (e.g. positive, negative); null keeps all.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>
    /// auto (cca when widths differ, none when equal), none, pca, pca-centred, cca or random (protocol §6); a run records
    /// what auto became.
    /// </summary>
    public AlignMethod Align { get; init; } = AlignMethod.Auto;

    /// <summary>The common width the alignment produced (recorded by a run; null when no alignment ran).</summary>
    public int? AlignWidth { get; init; }

    /// <summary>CCA's ridge λ: each covariance C becomes C + λ·(tr C / d)·I, so CCA is stable when n &lt; d.</summary>
    public double CcaRidge { get; init; } = Alignment.DefaultCcaRidge;

    /// <summary>Fusions in grid order.</summary>
    public IReadOnlyList<FusionId> Fusions { get; init; } = [.. FusionRegistry.PaperFusions.Select(FusionId.Parse)];

    /// <summary>Tasks in grid order.</summary>
    public IReadOnlyList<LearningTask> Tasks { get; init; } = [LearningTask.Real, LearningTask.Synthetic];

    /// <summary>Training sizes; null means the protocol §1 ladder 32, 64, … pool.</summary>
    public IReadOnlyList<int>? Sizes { get; init; }

    /// <summary>Largest size run per fusion (cpu-paper caps tensor fusion); fusions not named are uncapped.</summary>
    public IReadOnlyDictionary<string, int> SizeCaps { get; init; } = new Dictionary<string, int>();

    /// <summary>Seeds in grid order.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = Enumerable.Range(1, 20).ToArray();

    /// <summary>Maximum epochs per cell.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// Fast (default): the paper's fusions train all seeds of a size at once (tensor-like ones with a hand-written
    /// two-GEMM first layer); plain: every cell with the generic autograd trainer. Same protocol, see docs/protocol.md.
    /// </summary>
    public TrainerMode Trainer { get; init; } = TrainerMode.Fast;

    /// <summary>True unless <see cref="Trainer"/> is plain.</summary>
    public bool FastTrainer() => Trainer == TrainerMode.Fast;

    /// <summary>Classifier head.</summary>
    public HeadKind Head { get; init; } = HeadKind.Standard;

    /// <summary>Optional early stop on a loss plateau (std of the last 10 epoch losses ≤ this); null = off.</summary>
    public double? LossThreshold { get; init; }

    /// <summary>Optional early stop after this many epochs without a better validation accuracy; null = off.</summary>
    public int? Patience { get; init; }

    /// <summary>Noise sweep settings.</summary>
    public NoiseOptions Noise { get; init; } = new();

    /// <summary>Noise-robust training (keys <c>alpha_max</c>, <c>dropout</c>); null trains on clean data, as the paper.</summary>
    public Training.Corruption? Robust { get; init; }

    /// <summary>Training size shown in Figure 3; null = the largest size each fusion ran.</summary>
    public int? Figure3Size { get; init; }

    /// <summary>The training options of every cell.</summary>
    public TrainOptions TrainOptions()
    {
        EarlyStopOptions? stop = LossThreshold is null && Patience is null ? null : new EarlyStopOptions(LossThreshold, Patience: Patience);
        return new TrainOptions(Epochs, BatchSize, EarlyStop: stop, Robust: Robust);
    }

    /// <summary>The model options of every cell.</summary>
    public ModelOptions ModelOptions() => new(Head: Head);
}
