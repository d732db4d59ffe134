using System.Diagnostics;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Robustness;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;
using static TorchSharp.torch;

namespace SuperFuse.Experiments;

/// <summary>
/// Trains a group of cells that differ only in their seed with the fast trainers (<see cref="StackedTrainer"/>), then
/// evaluates each seed's best checkpoint on the clean test split and, when asked, under noise. Stacked groups are
/// evaluated all seeds at once; a tensor-like fusion's single seed is evaluated clean as <see cref="CellRunner"/> does.
/// Noise sweeps are expanded in powers of α (<see cref="NoiseExpansion"/>) where the fusion allows it.
/// </summary>
internal static class StackedCellRunner
{
    public static IReadOnlyList<(CellResult Result, FusionClassifier Model)> Run(PreparedData data, IReadOnlyList<CellSpec> cells,
        FeatureCache features, Func<string, IProgress<EpochReport>?>? progress = null,
        (NoiseDrawSet Draws, NoiseOptions Options)? noise = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var first = cells[0];
        var fusion = first.Fusion.Method;
        var labelled = data.For(first.Task);
        first.Train.Validate();
        var models = cells.Select(c => ModelFactory.Create(fusion, labelled.TextDim, labelled.ImageDim, labelled.ClassCount, c.Model, c.Seed)).ToList();
        using var test = PairedTensors.FromRows(labelled, data.Split.Test);
        List<CellResult> results;
        using (var weights = new StackedWeights(cells.Count, fusion.OutputDim(labelled.TextDim, labelled.ImageDim), first.Model.Hidden, labelled.ClassCount))
        {
            for (int k = 0; k < cells.Count; k++) weights.Load(k, models[k]);
            var jobs = cells.Select(c => new SeedJob(data.Split.Subset(c.Seed, c.Size), c.OrderSeed, progress?.Invoke(c.Key))).ToList();
            using var labels = tensor(labelled.Labels.Select(y => (long)y).ToArray());
            using var validation = new StackedScorer(data.Split.Validation, data.Split.Validation.Select(r => (long)labelled.Labels[r]).ToArray());
            using var layer = features.LayerFor(fusion);
            var outcomes = new StackedTrainer(first.Train).Fit(weights, layer, jobs, labels, validation, cancel);
            for (int k = 0; k < cells.Count; k++) weights.Store(weights.Values, k, models[k]);
            results = fusion.IsBilinear
                ? EvaluateBilinear(fusion, cells, outcomes, models, weights, test, noise)
                : EvaluateStacked(fusion, cells, outcomes, models, weights, test, noise, (layer, data.Split.Test));
        }
        double share = clock.Elapsed.TotalSeconds / cells.Count;
        string trainer = StudyRunner.TrainerName(fusion.IsBilinear ? TrainerKind.Bilinear : TrainerKind.Stacked);
        return results.Select((r, k) => (r with { Seconds = share, Trainer = trainer }, models[k])).ToList();
    }

    // Clean as CellRunner does, one model at a time; the noise sweep expanded over the bilinear factors, with α = 0
    // the clean scoring itself.
    private static List<CellResult> EvaluateBilinear(FusionMethod fusion, IReadOnlyList<CellSpec> cells, TrainOutcome[] outcomes,
        List<FusionClassifier> models, StackedWeights weights, PairedTensors test, (NoiseDrawSet Draws, NoiseOptions Options)? noise)
    {
        long[] labels = test.Labels.data<long>().ToArray();
        var clean = models.Select(m => Predictor.Probabilities(m, test.Text, test.Image)).ToArray();
        var results = cells.Select((c, k) => CellRunner.Scored(c, outcomes[k], clean[k], labels, models[k].ParameterCount(), 0)).ToList();
        if (noise is not { } sweep) return results;
        bool expanded = true;
        var points = sweep.Draws.SweepAll(draws =>
        {
            using var expansion = NoiseExpansion.TryCreate(fusion, weights, test, draws, sweep.Options.Mode);
            expanded &= expansion is not null;
            if (expansion is null) return [];
            var output = expansion.NewOutput();
            return NoiseSweep.RunMany((condition, alpha) => alpha == 0 ? clean : expansion.Probabilities(condition, alpha, output), labels, sweep.Options);
        });
        return expanded ? results.Select((r, k) => r with { Noise = points[k] }).ToList() : results;
    }

    private static List<CellResult> EvaluateStacked(FusionMethod fusion, IReadOnlyList<CellSpec> cells, TrainOutcome[] outcomes,
        List<FusionClassifier> models, StackedWeights weights, PairedTensors test, (NoiseDrawSet Draws, NoiseOptions Options)? noise,
        (IFirstLayer Layer, int[] Rows) cached)
    {
        long[] labels = test.Labels.data<long>().ToArray();
        using var scorer = new StackedScorer(Enumerable.Range(0, labels.Length).ToArray(), labels);
        using var testScorer = new StackedScorer(cached.Rows, labels);
        float[][] Score(Tensor text, Tensor image)
        {
            using var fused = fusion.Fuse(text, image);
            using var layer = new FusedRowsLayer(fused);
            return scorer.Probabilities(weights, layer);
        }
        // The clean test rows scored from the features every row already has, so the split is not fused again.
        var clean = testScorer.Probabilities(weights, cached.Layer);
        var points = noise is { } n ? n.Draws.SweepAll(draws => Sweep(fusion, weights, test, draws, n.Options, clean, labels, Score)) : null;
        return cells.Select((c, k) =>
        {
            var result = CellRunner.Scored(c, outcomes[k], clean[k], labels, models[k].ParameterCount(), 0);
            return result with { Noise = points?[k] };
        }).ToList();
    }

    // The expanded sweep where the fusion's algebra allows it (α = 0 is the clean scoring itself), else the inputs
    // corrupted and fused again per condition × α.
    private static IReadOnlyList<NoisePoint>[] Sweep(FusionMethod fusion, StackedWeights weights, PairedTensors test, NoiseDraws draws,
        NoiseOptions options, float[][] clean, long[] labels, Func<Tensor, Tensor, float[][]> score)
    {
        using var expansion = NoiseExpansion.TryCreate(fusion, weights, test, draws, options.Mode);
        if (expansion is null) return NoiseSweep.RunMany(score, test, draws, options);
        var output = expansion.NewOutput();   // each level is measured before the next is scored, so one set of arrays serves all
        return NoiseSweep.RunMany((condition, alpha) => alpha == 0 ? clean : expansion.Probabilities(condition, alpha, output), labels, options);
    }
}
