using SuperFuse.Runtime;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// One epoch of K stacked seeds, seed by seed: a thread takes a seed and runs all of its steps (forward, backward and
/// its AdamW update) before it takes the next. The seeds share nothing within an epoch, so no thread waits for another
/// between steps, and a seed's weights, gradients and moments stay in cache from one step to the next. Every element
/// goes through the same arithmetic as when the seeds step together and one AdamW pass follows each step, so the bits
/// are the same.
/// </summary>
internal static class SeedMajorEpoch
{
    /// <summary>
    /// Trains every seed for one epoch over <paramref name="permutations"/>[s] of its rows and returns each seed's mean
    /// training loss; <paramref name="optimizer"/> counts the epoch's steps.
    /// </summary>
    public static double[] Run(ISeedStepLayer layer, StackedWeights weights, IReadOnlyList<SeedJob> seeds, long[][] permutations,
        long[] labels, FlatAdamW optimizer, int batchSize)
    {
        int k = seeds.Count, n = seeds[0].Rows.Length, steps = (n + batchSize - 1) / batchSize;
        var constants = Enumerable.Range(1, steps).Select(b => optimizer.At(optimizer.Steps + b)).ToArray();
        var totals = new double[k];
        int next = -1;
        Parallel.For(0, Math.Min(k, TorchRuntime.LoopThreads), TorchRuntime.LoopOptions, _ =>
        {
            for (int s; (s = Interlocked.Increment(ref next)) < k;)
            {
                totals[s] = Seed(new SeedEpoch(layer, weights, seeds[s], permutations[s], labels, batchSize), s, optimizer, constants);
            }
        });
        optimizer.Advance(steps);
        return totals.Select(t => t / n).ToArray();
    }

    private sealed record SeedEpoch(ISeedStepLayer Layer, StackedWeights Weights, SeedJob Job, long[] Order, long[] Labels, int BatchSize);

    // The sum over the epoch's steps of the mean batch loss times the batch's size, as the step-by-step order sums it.
    private static double Seed(SeedEpoch e, int seed, FlatAdamW optimizer, FlatAdamW.Constants[] constants)
    {
        int n = e.Order.Length;
        var index = new long[Math.Min(e.BatchSize, n)];
        double total = 0;
        for (int b = 0; b < constants.Length; b++)
        {
            int start = b * e.BatchSize, len = Math.Min(e.BatchSize, n - start);
            for (int i = 0; i < len; i++) index[i] = e.Job.Rows[e.Order[start + i]];
            total += e.Layer.StepSeed(e.Weights, seed, index, len, e.Labels) * len;
            for (int part = 0; part < e.Weights.PartCount; part++)
            {
                optimizer.UpdateRange(constants[b], e.Weights.Offset(part, seed), e.Weights.PartLength(part));
            }
        }
        return total;
    }
}
