using System.Diagnostics;
using SuperFuse.FastTraining;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Training;
using static TorchSharp.torch;

namespace SuperFuse.Experiments;

/// <summary>
/// Trains a group of cells that differ only in their seed with the fast trainers (<see cref="StackedTrainer"/>), then
/// evaluates each seed's best checkpoint exactly as <see cref="CellRunner"/> does.
/// </summary>
internal static class StackedCellRunner
{
    public static IReadOnlyList<(CellResult Result, FusionClassifier Model)> Run(PreparedData data, IReadOnlyList<CellSpec> cells,
        FeatureCache features, Func<string, IProgress<EpochReport>?>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var first = cells[0];
        var fusion = FusionRegistry.Get(first.Fusion);
        var labelled = data.For(first.Task);
        first.Train.Validate();
        var models = cells.Select(c => ModelFactory.Create(fusion, labelled.TextDim, labelled.ImageDim, labelled.ClassCount, c.Model, c.Seed)).ToList();
        TrainOutcome[] outcomes;
        using (var weights = new StackedWeights(cells.Count, fusion.OutputDim(labelled.TextDim, labelled.ImageDim), first.Model.Hidden, labelled.ClassCount))
        {
            for (int k = 0; k < cells.Count; k++) weights.Load(k, models[k]);
            var jobs = cells.Select(c => new SeedJob(data.Split.Subset(c.Seed, c.Size), c.OrderSeed, progress?.Invoke(c.Key))).ToList();
            using var labels = tensor(labelled.Labels.Select(y => (long)y).ToArray());
            using var validation = new StackedValidation(data.Split.Validation, data.Split.Validation.Select(r => (long)labelled.Labels[r]).ToArray());
            using var layer = features.LayerFor(fusion);
            outcomes = new StackedTrainer(first.Train).Fit(weights, layer, jobs, labels, validation, cancel);
            for (int k = 0; k < cells.Count; k++) weights.Store(weights.Values, k, models[k]);
        }
        using var test = PairedTensors.FromRows(labelled, data.Split.Test);
        var results = new List<(CellResult, FusionClassifier)>();
        for (int k = 0; k < cells.Count; k++)
        {
            results.Add((CellRunner.Evaluate(cells[k], outcomes[k], models[k], test, 0), models[k]));
        }
        double share = clock.Elapsed.TotalSeconds / cells.Count;
        return results.Select(r => (r.Item1 with { Seconds = share }, r.Item2)).ToList();
    }
}
