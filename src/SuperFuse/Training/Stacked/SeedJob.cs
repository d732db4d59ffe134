namespace SuperFuse.Training.Stacked;

/// <summary>One seed of a stacked run: its training rows (data row ids) and the seed of its per-epoch data order.</summary>
/// <param name="Rows">The seed's training subset, as rows of the data set.</param>
/// <param name="OrderSeed">Seed of its per-epoch shuffles (the same <see cref="Random"/> use as the plain trainer).</param>
/// <param name="Progress">Optional per-epoch observer.</param>
internal sealed record SeedJob(int[] Rows, int OrderSeed, IProgress<Training.EpochReport>? Progress = null);
