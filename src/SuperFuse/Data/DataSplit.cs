namespace SuperFuse.Data;

/// <summary>Row indices of the three splits (SPEC §1). Each list is in ascending row order.</summary>
/// <param name="TrainPool">Rows that training subsets are drawn from.</param>
/// <param name="Validation">Rows that pick the best epoch.</param>
/// <param name="Test">Rows for clean and noisy evaluation of the best checkpoint.</param>
public sealed record DataSplit(int[] TrainPool, int[] Validation, int[] Test)
{
    /// <summary>
    /// One fixed split seeded by <paramref name="splitSeed"/>, stratified by label: in each class the rows are shuffled,
    /// then round(n_c·val) go to validation, round(n_c·test) to test and the rest to the train pool.
    /// </summary>
    public static DataSplit Stratified(IReadOnlyList<int> labels, int splitSeed, double validation = 0.1,
        double test = 0.1)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var random = new Random(SeedStreams.Derive(splitSeed, StreamPurpose.Split));
        List<int> pool = [], val = [], tst = [];
        foreach (var rows in labels.Select((y, r) => (y, r)).GroupBy(p => p.y).OrderBy(g => g.Key))
        {
            int[] shuffled = rows.Select(p => p.r).ToArray();
            random.Shuffle(shuffled);
            int nVal = (int)Math.Round(shuffled.Length * validation);
            int nTest = (int)Math.Round(shuffled.Length * test);
            val.AddRange(shuffled[..nVal]);
            tst.AddRange(shuffled[nVal..(nVal + nTest)]);
            pool.AddRange(shuffled[(nVal + nTest)..]);
        }
        return new DataSplit(Sorted(pool), Sorted(val), Sorted(tst));
    }

    /// <summary>
    /// The first <paramref name="size"/> items of seed <paramref name="seed"/>'s permutation of the train pool, so subsets
    /// are nested within a seed and differ between seeds (SPEC §1).
    /// </summary>
    public int[] Subset(int seed, int size)
    {
        if (size < 1 || size > TrainPool.Length)
        {
            throw new UserInputException($"size {size} is outside 1..{TrainPool.Length}; expected at most the train pool size");
        }
        int[] order = (int[])TrainPool.Clone();
        new Random(SeedStreams.Derive(seed, StreamPurpose.Subset)).Shuffle(order);
        return order[..size];
    }

    private static int[] Sorted(List<int> rows)
    {
        var a = rows.ToArray();
        Array.Sort(a);
        return a;
    }
}
