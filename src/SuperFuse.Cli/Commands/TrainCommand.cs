using System.CommandLine;
using System.Text.Json;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.IO;
using SuperFuse.Model;
using SuperFuse.Reporting;
using SuperFuse.Results;
using SuperFuse.Training;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse train</c>: trains one cell (protocol §3), saves its best checkpoint and prints a summary.</summary>
internal static class TrainCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var common = new CommonOptions();
        var o = new TrainOptionSet();
        var command = new Command("train", "Train one model and evaluate its best-validation checkpoint on the test split");
        common.AddTo(command);
        o.AddTo(command);
        command.SetAction(parse => Execute(parse, common, o, stdout, stderr));
        return command;
    }

    private static int Execute(ParseResult parse, CommonOptions common, TrainOptionSet o, TextWriter stdout, TextWriter stderr)
    {
        var spec = o.ToSpec(parse, parse.GetValue(common.SplitSeed));
        CommonOptions.StartTorch(parse, common);
        var prepared = new PreparedData(common.LoadData(parse), spec.SplitSeed, StudyData.ParseAlign(parse.GetValue(o.Align)!));
        CheckSize(spec.Size, prepared);
        if (prepared.Warning(spec.Task) is string warning) stderr.WriteLine($"superfuse: warning: {warning}");
        string outDir = parse.GetValue(o.Out) ?? Path.Combine("runs", spec.Key);
        var tensorboard = parse.GetValue(o.TensorBoard) is string tb ? new TensorBoardLog(tb, spec.Key) : null;
        var progress = new EpochPrinter(stderr, parse.GetValue(common.Json), tensorboard);
        bool fast = TrainerModes.Parse(parse.GetValue(o.Trainer)!) == TrainerMode.Fast;
        var (result, model) = CellRunner.Run(prepared, spec, fast, progress);
        using (model)
        {
            string checkpoint = CheckpointFiles.Save(model, result, outDir, prepared.For(spec.Task));
            string json = JsonSerializer.Serialize(TrainJson.From(result, checkpoint), CliJson.Options);
            AtomicFile.WriteAllText(Path.Combine(outDir, CheckpointFiles.ResultFile), json + "\n");
            if (parse.GetValue(common.Json)) stdout.WriteLine(json);
            else Tables.WriteCell(stdout, result, checkpoint);
        }
        return 0;
    }

    private static void CheckSize(int size, PreparedData prepared)
    {
        int pool = prepared.Split.TrainPool.Length;
        if (size < 1 || size > pool)
        {
            throw new UserInputException(
                $"--size {size} is larger than the train pool of {prepared.Data.Source} ({pool} rows); expected 1..{pool}");
        }
    }

    /// <summary>Prints every tenth epoch on stderr, so stdout stays clean for <c>--json</c>; passes every epoch to TensorBoard.</summary>
    private sealed class EpochPrinter(TextWriter stderr, bool quiet, TensorBoardLog? tensorboard) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            tensorboard?.Report(value);
            if (quiet || (value.Epoch % 10 != 0 && value.Epoch != 1)) return;
            stderr.WriteLine(FormattableString.Invariant(
                $"epoch {value.Epoch,3}/{value.MaxEpochs}  loss {value.TrainLoss:0.0000}  val {value.ValidationAccuracy:0.0000}  best epoch {value.BestEpoch}"));
        }
    }
}

/// <summary>The options that define a cell.</summary>
internal sealed class TrainOptionSet
{
    public Option<string> Fusion { get; } = new("--fusion") { Description = "Fusion: concat, product, tensor or tfn", DefaultValueFactory = _ => "product" };
    public Option<string> Task { get; } = new("--task") { Description = "Task: real (the data's labels) or synthetic (sign of T·I)", DefaultValueFactory = _ => "real" };
    public Option<int> Size { get; } = new("--size") { Description = "Training-subset size (first n of the seed's permutation of the train pool)", Required = true };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the subset, initial weights and data order", DefaultValueFactory = _ => 1 };
    public Option<int> Epochs { get; } = new("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => 100 };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Mini-batch size", DefaultValueFactory = _ => 64 };
    public Option<string> Head { get; } = new("--head") { Description = "Classifier head: standard or reference (the authors' double softmax)", DefaultValueFactory = _ => "standard" };
    public Option<bool> EarlyStop { get; } = new("--early-stop") { Description = "Stop when the last 10 epoch losses have std ≤ --loss-threshold" };
    public Option<double> LossThreshold { get; } = new("--loss-threshold") { Description = "Loss-plateau threshold of --early-stop", DefaultValueFactory = _ => 1e-4 };
    public Option<int?> Patience { get; } = new("--patience") { Description = "Stop after this many epochs without a better validation accuracy" };
    public Option<string> Trainer { get; } = new("--trainer") { Description = "fast (tensor as two GEMMs, fused AdamW) or plain (autograd)", DefaultValueFactory = _ => "fast" };
    public Option<string> Align { get; } = new("--align") { Description = "Joint space: auto (cca when widths differ, none when equal), none, cca, pca, pca-centred or random", DefaultValueFactory = _ => "auto" };
    public Option<string?> TensorBoard { get; } = new("--tensorboard") { Description = "Write TensorBoard logs (loss, validation accuracy per epoch) under this folder" };
    public Option<string?> Out { get; } = new("--out") { Description = "Folder for the checkpoint and result.json (default runs/<cell>)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Fusion, Task, Size, Seed, Epochs, BatchSize, Head, EarlyStop, LossThreshold, Patience, Trainer, Align, TensorBoard, Out })
        {
            command.Options.Add(option);
        }
    }

    public CellSpec ToSpec(ParseResult parse, int splitSeed)
    {
        var fusion = SuperFuse.Fusion.FusionId.Parse(parse.GetValue(Fusion)!);
        var task = LearningTasks.Parse(parse.GetValue(Task)!);
        int? patience = parse.GetValue(Patience);
        if (!parse.GetValue(EarlyStop) && parse.GetResult(LossThreshold) is { Implicit: false })
        {
            throw new UserInputException("--loss-threshold is the threshold of --early-stop; expected it together with --early-stop");
        }
        EarlyStopOptions? stop = parse.GetValue(EarlyStop) || patience is not null
            ? new EarlyStopOptions(parse.GetValue(EarlyStop) ? parse.GetValue(LossThreshold) : null, Patience: patience)
            : null;
        var train = new TrainOptions(parse.GetValue(Epochs), parse.GetValue(BatchSize), EarlyStop: stop);
        train.Validate();
        var model = new ModelOptions(Head: ModelOptions.ParseHead(parse.GetValue(Head)!));
        return new CellSpec(fusion, task, parse.GetValue(Size), parse.GetValue(Seed), splitSeed, train, model);
    }
}
