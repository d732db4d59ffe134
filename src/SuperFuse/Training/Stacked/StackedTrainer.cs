using System.Diagnostics;
using SuperFuse.Runtime;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// Trains K seeds of the standard model at once with the protocol of <see cref="Plain.Trainer"/> (protocol §3): each seed keeps
/// its own subset, its own shuffles, its own best-validation epoch (strictly greater wins) and its own early stop. A
/// stopped seed is carried along but its record is frozen. The best weights are in <see cref="StackedWeights.Values"/>
/// afterwards. With at least as many seeds as threads and a layer whose seeds step independently, an epoch runs seed
/// by seed (<see cref="SeedMajorEpoch"/>); otherwise step by step, every seed's step and then one AdamW pass. Both
/// orders give the same bits.
/// </summary>
internal sealed class StackedTrainer(TrainOptions options)
{
    public TrainOutcome[] Fit(StackedWeights weights, IFirstLayer layer, IReadOnlyList<SeedJob> seeds, Tensor rowLabels,
        StackedScorer validation, CancellationToken cancel = default)
    {
        options.Validate();
        TorchRuntime.FlushDenormalsOnThisThread();
        var clock = Stopwatch.StartNew();
        int k = seeds.Count;
        using var optimizer = new FlatAdamW(weights.Values, weights.Gradients, options);
        using var best = weights.Values.clone();
        long[] labels = rowLabels.data<long>().ToArray();
        var orders = seeds.Select(s => new Random(s.OrderSeed)).ToArray();
        var state = seeds.Select(_ => new SeedState(new StopRule(options.EarlyStop))).ToArray();
        for (int epoch = 1; epoch <= options.MaxEpochs && state.Any(s => s.Reason is null); epoch++)
        {
            if (cancel.IsCancellationRequested)
            {
                foreach (var s in state.Where(s => s.Reason is null)) s.Reason = StopReason.Cancelled;
                break;
            }
            double[] losses = RunEpoch(weights, layer, seeds, orders, labels, optimizer);
            double[] accuracies = validation.Accuracies(weights, layer);
            for (int i = 0; i < k; i++)
            {
                if (state[i].Reason is null) Record(state[i], epoch, losses[i], accuracies[i], seeds[i], weights, best, i);
            }
        }
        weights.Values.copy_(best);
        double seconds = clock.Elapsed.TotalSeconds / k;
        return state.Select(s => new TrainOutcome(s.BestEpoch, s.Losses.Count, s.BestAccuracy, s.Reason ?? StopReason.MaxEpochs,
            s.Losses, seconds)).ToArray();
    }

    private void Record(SeedState s, int epoch, double loss, double accuracy, SeedJob job, StackedWeights weights, Tensor best, int seed)
    {
        s.Losses.Add(loss);
        if (accuracy > s.BestAccuracy)
        {
            s.BestEpoch = epoch;
            s.BestAccuracy = accuracy;
            weights.CopySeed(weights.Values, best, seed);
        }
        job.Progress?.Report(new EpochReport(epoch, options.MaxEpochs, loss, accuracy, s.BestEpoch));
        if (s.Rule.ShouldStop(s.Losses, epoch - s.BestEpoch) is StopReason stop) s.Reason = stop;
    }

    private double[] RunEpoch(StackedWeights weights, IFirstLayer layer, IReadOnlyList<SeedJob> seeds, Random[] orders,
        long[] labels, FlatAdamW optimizer)
    {
        int k = seeds.Count, n = seeds[0].Rows.Length;
        var permutations = orders.Select(order =>
        {
            long[] p = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
            order.Shuffle(p);
            return p;
        }).ToArray();
        return layer is ISeedStepLayer bySeed && k >= TorchRuntime.LoopThreads
            ? SeedMajorEpoch.Run(bySeed, weights, seeds, permutations, labels, optimizer, options.BatchSize)
            : StepByStepEpoch(layer, weights, seeds, permutations, labels, optimizer, options.BatchSize);
    }

    /// <summary>
    /// One epoch step by step: every seed's step over its next batch of <paramref name="permutations"/>[s], then one
    /// AdamW pass over all seeds; returns each seed's mean training loss.
    /// </summary>
    internal static double[] StepByStepEpoch(IFirstLayer layer, StackedWeights weights, IReadOnlyList<SeedJob> seeds,
        long[][] permutations, long[] labels, FlatAdamW optimizer, int batchSize)
    {
        int k = seeds.Count, n = seeds[0].Rows.Length;
        var totals = new double[k];
        var index = Batch(seeds, permutations, 0, batchSize);
        for (int start = 0; start < n; start += batchSize)
        {
            int len = Math.Min(batchSize, n - start);
            var next = start + batchSize < n ? Batch(seeds, permutations, start + batchSize, batchSize) : [];
            double[] losses = layer is IUpdatingLayer updating
                ? updating.StepAndUpdate(weights, index, len, labels, optimizer, next)
                : StepThenUpdate(layer, weights, index, len, labels, optimizer);
            index = next;
            for (int s = 0; s < k; s++) totals[s] += losses[s] * len;
        }
        return totals.Select(t => t / n).ToArray();
    }

    /// <summary>The data rows of the batch that starts at <paramref name="start"/>, seed after seed.</summary>
    private static long[] Batch(IReadOnlyList<SeedJob> seeds, long[][] permutations, int start, int batchSize)
    {
        int k = seeds.Count, len = Math.Min(batchSize, seeds[0].Rows.Length - start);
        var index = new long[(long)k * len];
        for (int s = 0; s < k; s++)
        {
            for (int i = 0; i < len; i++) index[(s * len) + i] = seeds[s].Rows[permutations[s][start + i]];
        }
        return index;
    }

    private static double[] StepThenUpdate(IFirstLayer layer, StackedWeights weights, long[] rows, int batch, long[] labels, FlatAdamW optimizer)
    {
        double[] losses = layer.Step(weights, rows, batch, labels);
        optimizer.Step();
        return losses;
    }

    private sealed class SeedState(StopRule rule)
    {
        public StopRule Rule { get; } = rule;

        public List<double> Losses { get; } = [];

        public int BestEpoch { get; set; }

        public double BestAccuracy { get; set; } = -1;

        public StopReason? Reason { get; set; }
    }
}
