using System.Diagnostics;
using SuperFuse.Fusion;
using SuperFuse.Metrics;
using SuperFuse.Model;
using SuperFuse.Training;
using SuperFuse.Training.Plain;
using SuperFuse.Training.Stacked;

namespace SuperFuse.Experiments;

/// <summary>Trains and evaluates one cell: subset → model → trainer → best checkpoint on the clean test split.</summary>
public static class CellRunner
{
    /// <summary>
    /// Runs <paramref name="spec"/> on <paramref name="data"/> with the plain <see cref="Trainer"/>. The returned model
    /// holds the best checkpoint; the caller saves and disposes it.
    /// </summary>
    public static (CellResult Result, FusionClassifier Model) Run(PreparedData data, CellSpec spec,
        IProgress<EpochReport>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        var clock = Stopwatch.StartNew();
        var fusion = spec.Fusion.Method;
        var labelled = data.For(spec.Task);
        fusion.OutputDim(labelled.TextDim, labelled.ImageDim);
        spec.Train.Validate();
        int[] rows = data.Split.Subset(spec.Seed, spec.Size);
        using var train = PairedTensors.FromRows(labelled, rows);
        using var validation = PairedTensors.FromRows(labelled, data.Split.Validation);
        using var test = PairedTensors.FromRows(labelled, data.Split.Test);
        var model = ModelFactory.Create(fusion, labelled.TextDim, labelled.ImageDim, labelled.ClassCount, spec.Model, spec.Seed);
        var outcome = new Trainer(spec.Train).Fit(model, train, validation, spec.OrderSeed, progress, cancel);
        return (Evaluate(spec, outcome, model, test, clock.Elapsed.TotalSeconds), model);
    }

    /// <summary>
    /// Runs one cell with the trainer <see cref="TrainerChoice"/> picks for it (the fast ones unless
    /// <paramref name="fast"/> is false), as <c>run</c> would.
    /// </summary>
    public static (CellResult Result, FusionClassifier Model) Run(PreparedData data, CellSpec spec, bool fast,
        IProgress<EpochReport>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(spec);
        var labelled = data.For(spec.Task);
        var kind = TrainerChoice.For(fast, spec.Fusion.Method, labelled.TextDim, labelled.ImageDim, labelled.Count, 1,
            spec.Train, spec.Model);
        if (kind == TrainerKind.Plain) return Run(data, spec, progress, cancel);
        using var features = new FeatureCache(data.Data);
        return StackedCellRunner.Run(data, [spec], features, _ => progress, cancel: cancel)[0];
    }

    /// <summary>The protocol §5 metrics of a trained model on the clean test split.</summary>
    internal static CellResult Evaluate(CellSpec spec, TrainOutcome outcome, FusionClassifier model, PairedTensors test, double seconds)
    {
        var probabilities = Predictor.Probabilities(model, test.Text, test.Image);
        return Scored(spec, outcome, probabilities, test.Labels.data<long>().ToArray(), model.ParameterCount(), seconds);
    }

    /// <summary>A cell's result from its model's test probabilities (N × C, row-major).</summary>
    internal static CellResult Scored(CellSpec spec, TrainOutcome outcome, float[] probabilities, long[] labels, long parameters, double seconds) =>
        new(spec, outcome, Classification.Accuracy(probabilities, labels), Roc.FromProbabilities(probabilities, labels), parameters, seconds);
}
