using SuperFuse.Data;
using SuperFuse.Metrics;
using SuperFuse.Model;
using SuperFuse.Robustness;
using SuperFuse.Runtime;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;

namespace SuperFuse.Experiments;

/// <summary>
/// Runs a study's cells in grid order, one work unit (<see cref="CellGroup"/>: a cell, or all seeds of a size trained
/// together) at a time: each cell is evaluated clean and under noise and saved on its own, so a killed run loses at
/// most the unit in flight and a rerun skips finished cells.
/// </summary>
/// <param name="config">The study.</param>
/// <param name="store">Where finished cells go.</param>
/// <param name="epochLog">Optional per-cell epoch observer (e.g. TensorBoard), by cell key.</param>
public sealed class StudyRunner(StudyConfig config, ICellStore store, Func<string, IProgress<Training.EpochReport>>? epochLog = null)
{
    /// <summary>Maximum ROC points kept per cell (the curve is thinned evenly beyond this).</summary>
    public const int RocPoints = 201;

    /// <summary>
    /// Runs every cell not yet in the store (all of them when <paramref name="force"/>), skipping cells that another
    /// live process has claimed. The cells are grouped into work units first (<see cref="CellGroup.Of"/>).
    /// </summary>
    public StudyRunSummary Run(PreparedData data, IReadOnlyList<CellSpec> cells, bool force, IProgress<StudyProgress>? progress = null,
        CancellationToken cancel = default) => Run(data, CellGroup.Of(cells, config, data), force, progress, cancel);

    /// <summary>Runs the unfinished cells of every unit; a unit is claimed and trained whole.</summary>
    public StudyRunSummary Run(PreparedData data, IReadOnlyList<CellGroup> units, bool force, IProgress<StudyProgress>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(units);
        using var noise = Draws(data);
        using var features = new FeatureCache(data.Data);
        var plain = new PlainCellTrainer(epochLog);
        var stacked = new StackedCellTrainer(features, epochLog, noise, config.Noise);
        int total = units.Sum(u => u.Cells.Count);
        int done = 0, trained = 0, busy = 0;
        foreach (var unit in units)
        {
            if (cancel.IsCancellationRequested) break;
            var pending = Pending(unit, force);
            done += unit.Cells.Count - pending.Count;
            if (pending.Count == 0)
            {
                progress?.Report(new StudyProgress(done, total, unit.Cells[^1].Key, trained, true));
                continue;
            }
            progress?.Report(new StudyProgress(done, total, pending[0].Key, trained, false));
            using var claim = store.TryClaim(unit.ClaimKey);
            if (claim is null) busy += pending.Count;
            else
            {
                ICellTrainer trainer = unit.Kind == TrainerKind.Plain ? plain : stacked;
                var records = RunUnit(data, unit, trainer, Pending(unit, force), noise, cancel);
                if (records is null) break;
                foreach (var record in records) store.Save(record);
                trained += records.Count;
                FreedMemory.Release();
            }
            done += pending.Count;
            progress?.Report(new StudyProgress(done, total, pending[^1].Key, trained, true));
        }
        return new StudyRunSummary(trained, busy);
    }

    private List<CellSpec> Pending(CellGroup unit, bool force) =>
        unit.Cells.Where(c => force || store.TryLoad(c.Key) is null).ToList();

    /// <summary>
    /// Trains the whole unit (so results never depend on what was done before) and returns the records of
    /// <paramref name="wanted"/>; null when cancelled.
    /// </summary>
    private List<CellRecord>? RunUnit(PreparedData data, CellGroup unit, ICellTrainer trainer, List<CellSpec> wanted, NoiseDrawSet noise,
        CancellationToken cancel)
    {
        if (wanted.Count == 0) return [];
        var trainedCells = trainer.Train(data, unit, cancel);
        var records = new List<CellRecord>();
        bool cancelled = false;
        foreach (var (result, model) in trainedCells)
        {
            using (model)
            {
                cancelled |= result.Training.StopReason == StopReason.Cancelled;
                if (!cancelled && wanted.Contains(result.Spec)) records.Add(Record(data, result, model, noise));
            }
        }
        return cancelled ? null : records;
    }

    private CellRecord Record(PreparedData data, CellResult result, FusionClassifier model, NoiseDrawSet noise)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var cell = result.Spec;
        var (test, train) = (data.TestBalance(cell.Task), data.TrainBalance(cell.Task));
        {
            var points = result.Noise ?? Sweep(data, cell, model, noise);
            var (fpr, tpr) = Thin(result.TestRoc);
            return new CellRecord
            {
                Key = cell.Key,
                Fusion = cell.Fusion.Name,
                Task = cell.Task.Name(),
                Size = cell.Size,
                Seed = cell.Seed,
                Classes = data.For(cell.Task).ClassCount,
                FormatVersion = ResultsFormat.Version,
                MajorityAccuracy = test.Majority,
                TestClassShares = test.Shares,
                TrainMajority = train.Majority,
                TrainMajorityClass = data.For(cell.Task).ClassNames[train.MajorityClass],
                Trainer = result.Trainer,
                BestEpoch = result.Training.BestEpoch,
                EpochsRun = result.Training.EpochsRun,
                StopReason = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(result.Training.StopReason.ToString()),
                ValAccuracy = result.Training.ValidationAccuracy,
                TestAccuracy = result.TestAccuracy,
                TestAuc = result.TestRoc.Auc,
                Parameters = result.Parameters,
                Seconds = result.Seconds + clock.Elapsed.TotalSeconds,
                RocFpr = fpr,
                RocTpr = tpr,
                Noise = points,
            };
        }
    }

    /// <summary>The trainer that trained a unit: plain (autograd, one model), stacked (seeds together) or bilinear (tensor-like, two GEMMs).</summary>
    public static string TrainerName(TrainerKind kind) => kind.ToString().ToLowerInvariant();

    private IReadOnlyList<NoisePoint> Sweep(PreparedData data, CellSpec cell, FusionClassifier model, NoiseDrawSet noise)
    {
        using var test = PairedTensors.FromRows(data.For(cell.Task), data.Split.Test);
        return noise.SweepAll(draws => [NoiseSweep.Run(model, test, draws, config.Noise)])[0];
    }

    private NoiseDrawSet Draws(PreparedData data)
    {
        var rows = config.Noise.Stats == StatsSource.Train ? data.Split.TrainPool : data.Split.Test;
        var d = data.Data;
        var text = ModalityStats.Of(d.Text, d.TextDim, rows, config.Noise.PerDimension);
        var image = ModalityStats.Of(d.Image, d.ImageDim, rows, config.Noise.PerDimension);
        return NoiseDrawSet.Create(data.Split.Test.Length, text, image, config.Noise);
    }

    private static (double[] Fpr, double[] Tpr) Thin(RocCurve roc)
    {
        int n = roc.FalsePositiveRate.Length;
        if (n <= RocPoints) return (roc.FalsePositiveRate, roc.TruePositiveRate);
        var idx = Enumerable.Range(0, RocPoints).Select(k => (int)Math.Round(k * (n - 1) / (double)(RocPoints - 1))).ToArray();
        return (idx.Select(i => roc.FalsePositiveRate[i]).ToArray(), idx.Select(i => roc.TruePositiveRate[i]).ToArray());
    }
}
