using SuperFuse.Data;
using SuperFuse.Metrics;
using SuperFuse.Robustness;
using SuperFuse.Training;

namespace SuperFuse.Experiments;

/// <summary>
/// Runs a study's cells in grid order: each cell is trained, evaluated clean and under noise, and saved on its own,
/// so a killed run loses at most the cell in flight and a rerun skips finished cells.
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
    /// live process has claimed.
    /// </summary>
    public StudyRunSummary Run(PreparedData data, IReadOnlyList<CellSpec> cells, bool force, IProgress<StudyProgress>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(cells);
        using var noise = Draws(data);
        int done = 0, trained = 0, busy = 0;
        foreach (var cell in cells)
        {
            if (cancel.IsCancellationRequested) break;
            if (!force && store.TryLoad(cell.Key) is not null)
            {
                progress?.Report(new StudyProgress(++done, cells.Count, cell.Key, trained, true));
                continue;
            }
            progress?.Report(new StudyProgress(done, cells.Count, cell.Key, trained, false));
            var outcome = ClaimAndRun(data, cell, noise, force, cancel);
            if (outcome == Outcome.Cancelled) break;
            if (outcome == Outcome.Trained) trained++;
            if (outcome == Outcome.Busy) busy++;
            progress?.Report(new StudyProgress(++done, cells.Count, cell.Key, trained, true));
        }
        return new StudyRunSummary(trained, busy);
    }

    private Outcome ClaimAndRun(PreparedData data, CellSpec cell, NoiseDraws noise, bool force, CancellationToken cancel)
    {
        using var claim = store.TryClaim(cell.Key);
        if (claim is null) return Outcome.Busy;
        if (!force && store.TryLoad(cell.Key) is not null) return Outcome.DoneElsewhere;
        var record = RunCell(data, cell, noise, cancel);
        if (record is null) return Outcome.Cancelled;
        store.Save(record);
        return Outcome.Trained;
    }

    private enum Outcome { Trained, DoneElsewhere, Busy, Cancelled }

    private CellRecord? RunCell(PreparedData data, CellSpec cell, NoiseDraws noise, CancellationToken cancel)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (result, model) = CellRunner.Run(data, cell, epochLog?.Invoke(cell.Key), cancel);
        using (model)
        {
            if (result.Training.StopReason == StopReason.Cancelled) return null;
            using var test = PairedTensors.FromRows(data.For(cell.Task), data.Split.Test);
            var points = NoiseSweep.Run(model, test, noise, config.Noise);
            var (fpr, tpr) = Thin(result.TestRoc);
            return new CellRecord
            {
                Key = cell.Key,
                Fusion = cell.Fusion,
                Task = cell.Task.Name(),
                Size = cell.Size,
                Seed = cell.Seed,
                Classes = data.For(cell.Task).ClassCount,
                BestEpoch = result.Training.BestEpoch,
                EpochsRun = result.Training.EpochsRun,
                StopReason = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(result.Training.StopReason.ToString()),
                ValAccuracy = result.Training.ValidationAccuracy,
                TestAccuracy = result.TestAccuracy,
                TestAuc = result.TestRoc.Auc,
                Parameters = result.Parameters,
                Seconds = clock.Elapsed.TotalSeconds,
                RocFpr = fpr,
                RocTpr = tpr,
                Noise = points,
            };
        }
    }

    private NoiseDraws Draws(PreparedData data)
    {
        var rows = config.Noise.Stats == StatsSource.Train ? data.Split.TrainPool : data.Split.Test;
        var d = data.Data;
        var text = ModalityStats.Of(d.Text, d.TextDim, rows, config.Noise.PerDimension);
        var image = ModalityStats.Of(d.Image, d.ImageDim, rows, config.Noise.PerDimension);
        return NoiseDraws.Create(data.Split.Test.Length, text, image, config.Noise.Seed);
    }

    private static (double[] Fpr, double[] Tpr) Thin(RocCurve roc)
    {
        int n = roc.FalsePositiveRate.Length;
        if (n <= RocPoints) return (roc.FalsePositiveRate, roc.TruePositiveRate);
        var idx = Enumerable.Range(0, RocPoints).Select(k => (int)Math.Round(k * (n - 1) / (double)(RocPoints - 1))).ToArray();
        return (idx.Select(i => roc.FalsePositiveRate[i]).ToArray(), idx.Select(i => roc.TruePositiveRate[i]).ToArray());
    }
}
