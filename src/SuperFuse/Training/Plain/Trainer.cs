using System.Diagnostics;
using SuperFuse.Model;
using SuperFuse.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Training.Plain;

/// <summary>
/// Trains any <see cref="IClassifier"/> with AdamW, keeps the epoch with the best validation accuracy (strictly
/// greater wins, so ties keep the earlier epoch) and restores it at the end (protocol §3). It knows nothing of fusions.
/// </summary>
public sealed class Trainer(TrainOptions options)
{
    /// <summary>
    /// Fits <paramref name="model"/> on <paramref name="train"/>. The per-epoch data order comes from
    /// <paramref name="orderSeed"/> alone, so a cell is fully determined by its seeds.
    /// </summary>
    public TrainOutcome Fit(IClassifier model, PairedTensors train, PairedTensors validation, int orderSeed,
        IProgress<EpochReport>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        options.Validate();
        TorchRuntime.FlushDenormalsOnThisThread();
        var clock = Stopwatch.StartNew();
        using var optimizer = new AdamW(model.Network.parameters(), options);
        var order = new Random(orderSeed);
        using var corrupter = options.Robust is { } robust && robust.IsOn() ? new Corrupter(robust, train, CorruptionSeed(orderSeed)) : null;
        var rule = new StopRule(options.EarlyStop);
        var best = new BestCheckpoint(model.Network);
        var losses = new List<double>();
        long[] validationLabels = validation.Labels.data<long>().ToArray();
        StopReason reason = StopReason.MaxEpochs;
        for (int epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            if (cancel.IsCancellationRequested) { reason = StopReason.Cancelled; break; }
            losses.Add(RunEpoch(model, optimizer, train, order, corrupter));
            double accuracy = Metrics.Classification.Accuracy(Predictor.Probabilities(model, validation.Text, validation.Image), validationLabels);
            best.Offer(epoch, accuracy);
            progress?.Report(new EpochReport(epoch, options.MaxEpochs, losses[^1], accuracy, best.Epoch));
            if (rule.ShouldStop(losses, epoch - best.Epoch) is StopReason stop) { reason = stop; break; }
        }
        best.Restore();
        return new TrainOutcome(best.Epoch, losses.Count, best.Accuracy, reason, losses, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The corruption generator's seed: derived from the order seed, so a cell stays determined by its seeds.</summary>
    private static long CorruptionSeed(int orderSeed) => Data.SeedStreams.Derive(orderSeed, Data.StreamPurpose.Corruption);

    private double RunEpoch(IClassifier model, AdamW optimizer, PairedTensors train, Random order, Corrupter? corrupter)
    {
        model.Network.train();
        int n = (int)train.Count;
        long[] permutation = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
        order.Shuffle(permutation);
        double total = 0;
        for (int start = 0; start < n; start += options.BatchSize)
        {
            using var scope = NewDisposeScope();
            int len = Math.Min(options.BatchSize, n - start);
            using var index = tensor(permutation.AsSpan(start, len).ToArray());
            using var batch = train.Select(index);
            optimizer.ZeroGrad();
            var (text, image) = corrupter is null ? (batch.Text, batch.Image) : corrupter.Apply(batch.Text, batch.Image);
            var loss = model.Loss(model.Outputs(text, image), batch.Labels);
            loss.backward();
            optimizer.Step();
            total += loss.item<float>() * len;
        }
        return total / n;
    }
}
