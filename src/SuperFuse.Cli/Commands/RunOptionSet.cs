using System.CommandLine;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Fusion;
using SuperFuse.Reporting;
using SuperFuse.Robustness;

namespace SuperFuse.Cli.Commands;

/// <summary>The options of <c>superfuse run</c> and how they override a preset or config file.</summary>
internal sealed class RunOptionSet
{
    public Option<string> Preset { get; } = new("--preset") { Description = "quick (default, ≤ 5 min), paper, or cpu-paper", DefaultValueFactory = _ => "quick" };
    public Option<string?> Config { get; } = new("--config") { Description = "A JSON study config (keys as in config.json); replaces the preset" };
    public Option<string?> Data { get; } = new("--data") { Description = "Data set: builtin, a .npz, .parquet, .safetensors, .pt or .csv file, or a folder of .npy or split Parquet files" };
    public Option<string?> Out { get; } = new("--out") { Description = "Results folder (default results/<timestamp>)" };
    public Option<string?> Fusions { get; } = new("--fusions") { Description = "Comma-separated fusions, e.g. concat,product,tensor" };
    public Option<string?> Tasks { get; } = new("--tasks") { Description = "Comma-separated tasks: real, synthetic" };
    public Option<string?> Sizes { get; } = new("--sizes") { Description = "Comma-separated training sizes" };
    public Option<string?> Seeds { get; } = new("--seeds") { Description = "Number of seeds (1..N) or a comma-separated list" };
    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Maximum epochs per cell" };
    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size" };
    public Option<string?> Alphas { get; } = new("--alphas") { Description = "Comma-separated noise levels in [0, 1), starting at 0" };
    public Option<string?> NoiseMode { get; } = new("--noise-mode") { Description = "additive (x + αn) or mix ((1−α)x + αn)" };
    public Option<string?> NoiseStats { get; } = new("--noise-stats") { Description = "train (default) or test: where μ and σ of the noise come from" };
    public Option<int?> NoiseDraws { get; } = new("--noise-draws") { Description = "Independent noise realisations per α (default 1); the noise table gets one row per draw" };
    public Option<bool> ScalarNoise { get; } = new("--scalar-noise") { Description = "One μ/σ per modality instead of per dimension" };
    public Option<string?> Shard { get; } = new("--shard") { Description = "Run only slice i/n of the grid (default: from SLURM_ARRAY_TASK_ID/COUNT inside a Slurm array, else all)" };
    public Option<string?> SplitField { get; } = new("--split-field") { Description = "Column or array holding the data set's own split (0/1/2 or train/validation/test); default: drawn by the split seed" };
    public Option<string?> Labels { get; } = new("--labels") { Description = "Keep only these classes, in this order, e.g. positive,negative" };
    public Option<string?> Align { get; } = new("--align") { Description = "Joint space for the two modalities: auto (cca when widths differ, none when equal), none, cca, pca, pca-centred (ablation only) or random" };
    public Option<double?> RobustAlpha { get; } = new("--robust-alpha") { Description = "Noise-robust training: Gaussian noise with α ~ U(0, A) on text, image or both" };
    public Option<double?> ModalityDropout { get; } = new("--modality-dropout") { Description = "Noise-robust training: replace one modality by its mean with probability p" };
    public Option<string?> TensorBoard { get; } = new("--tensorboard") { Description = "Write per-cell TensorBoard logs (loss, validation accuracy per epoch) under this folder" };
    public Option<string?> Trainer { get; } = new("--trainer") { Description = "fast (default: seeds trained together, tensor as two GEMMs) or plain (one autograd model at a time)" };
    public Option<double?> MaxMemory { get; } = new("--max-memory") { Description = "Refuse to start when the study's estimated peak memory exceeds this many GiB (the estimate is printed either way)" };
    public Option<bool> Force { get; } = new("--force") { Description = "Redo finished cells and replace another study's config" };

    /// <summary>Adds the options; <c>superfuse slurm</c> takes its folder as an argument and shards by itself.</summary>
    public void AddTo(Command command, bool withOutAndShard = true)
    {
        foreach (var o in new Option[] { Preset, Config, Data, Fusions, Tasks, Sizes, Seeds, Epochs, BatchSize, Alphas, NoiseMode, NoiseStats, NoiseDraws, ScalarNoise, Labels, SplitField, Align, RobustAlpha, ModalityDropout, Trainer, Force })
        {
            command.Options.Add(o);
        }
        if (!withOutAndShard) return;
        command.Options.Add(TensorBoard);
        command.Options.Add(MaxMemory);
        command.Options.Add(Out);
        command.Options.Add(Shard);
    }

    public StudyConfig Resolve(ParseResult parse)
    {
        if (parse.GetValue(Config) is not null && parse.GetResult(Preset) is { Implicit: false })
        {
            throw new UserInputException("--preset and --config both give the whole study; expected one of them (a config file replaces the preset)");
        }
        var config = parse.GetValue(Config) is string path ? ConfigJson.Load(path) : Presets.Get(parse.GetValue(Preset)!);
        if (parse.GetValue(Data) is string data) config = config with { Data = data };
        if (parse.GetValue(SplitField) is string split) config = config with { Fields = config.Fields with { Split = split } };
        if (parse.GetValue(Labels) is string labels) config = config with { Labels = ListParsing.Names(labels) };
        if (parse.GetValue(Align) is string align) config = config with { Align = StudyData.ParseAlign(align) };
        if (parse.GetValue(Fusions) is string f) config = config with { Fusions = [.. ListParsing.Names(f).Select(FusionId.Parse)] };
        if (parse.GetValue(Tasks) is string t) config = config with { Tasks = [.. ListParsing.Names(t).Select(LearningTasks.Parse)] };
        if (parse.GetValue(Sizes) is string s) config = config with { Sizes = ListParsing.Integers("--sizes", s) };
        if (parse.GetValue(Seeds) is string seeds) config = config with { Seeds = ListParsing.Seeds(seeds) };
        if (parse.GetValue(Epochs) is int e) config = config with { Epochs = e };
        if (parse.GetValue(BatchSize) is int b) config = config with { BatchSize = b };
        if (parse.GetValue(Trainer) is string trainer) config = config with { Trainer = TrainerModes.Parse(trainer) };
        config = config with { Noise = Noise(parse, config.Noise) };
        if (parse.GetValue(RobustAlpha) is not null || parse.GetValue(ModalityDropout) is not null)
        {
            var robust = config.Robust ?? new Training.Corruption();
            if (parse.GetValue(RobustAlpha) is double alpha) robust = robust with { AlphaMax = alpha };
            if (parse.GetValue(ModalityDropout) is double p) robust = robust with { Dropout = p };
            config = config with { Robust = robust };
        }
        StudyGrid.Validate(config);
        return config;
    }

    /// <summary>--shard if given, else the Slurm array task's slice, else the whole grid.</summary>
    public Shard ResolveShard(ParseResult parse) =>
        parse.GetValue(Shard) is string text ? Experiments.Shard.Parse(text)
            : Experiments.Shard.FromSlurm(Environment.GetEnvironmentVariable) ?? Experiments.Shard.All;

    private NoiseOptions Noise(ParseResult parse, NoiseOptions noise)
    {
        if (parse.GetValue(Alphas) is string a) noise = noise with { Alphas = ListParsing.Alphas(a) };
        if (parse.GetValue(NoiseMode) is string m) noise = noise with { Mode = ParseEnum<NoiseMode>("--noise-mode", m) };
        if (parse.GetValue(NoiseStats) is string st) noise = noise with { Stats = ParseEnum<StatsSource>("--noise-stats", st) };
        if (parse.GetValue(ScalarNoise)) noise = noise with { PerDimension = false };
        if (parse.GetValue(NoiseDraws) is int draws) noise = noise with { Draws = draws };
        return noise;
    }

    private static T ParseEnum<T>(string option, string value) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
            : throw new UserInputException($"{option} '{value}' is not valid; expected {string.Join(" or ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
}
