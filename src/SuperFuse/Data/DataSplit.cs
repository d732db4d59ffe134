namespace SuperFuse.Data;

/// <summary>Row indices of the three splits (protocol §1). Each list is in ascending row order.</summary>
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
    /// The data set's own split (<see cref="SplitCodes"/> per row): its train part is the train pool and its test part
    /// the test split. Without a validation part, a stratified 10 % of the given train part (seeded by
    /// <paramref name="splitSeed"/>) validates and <c>ValidationDrawn</c> is true. An empty train or test part is a
    /// one-line error.
    /// </summary>
    public static (DataSplit Split, bool ValidationDrawn) Given(int[] splits, IReadOnlyList<int> labels, int splitSeed, string source)
    {
        ArgumentNullException.ThrowIfNull(splits);
        ArgumentNullException.ThrowIfNull(labels);
        int[] Part(int code) => Enumerable.Range(0, splits.Length).Where(r => splits[r] == code).ToArray();
        int[] train = Part(SplitCodes.Train), validation = Part(SplitCodes.Validation), test = Part(SplitCodes.Test);
        foreach (var (rows, code) in new[] { (train, SplitCodes.Train), (test, SplitCodes.Test) })
        {
            if (rows.Length == 0)
            {
                throw new UserInputException($"{source}: the given split has no {SplitCodes.Name(code)} rows; expected rows in train and test (validation is optional)");
            }
        }
        if (validation.Length > 0) return (new DataSplit(train, validation, test), false);
        var drawn = Stratified(train.Select(r => labels[r]).ToArray(), splitSeed, validation: 0.1, test: 0);
        if (drawn.Validation.Length == 0 || drawn.TrainPool.Length == 0)
        {
            throw new UserInputException($"{source}: the given train part ({train.Length} rows) is too small to hold out 10 % for validation; expected a validation part or more train rows");
        }
        return (new DataSplit(drawn.TrainPool.Select(k => train[k]).ToArray(), drawn.Validation.Select(k => train[k]).ToArray(), test), true);
    }

    /// <summary>
    /// The first <paramref name="size"/> items of seed <paramref name="seed"/>'s permutation of the train pool, so subsets
    /// are nested within a seed and differ between seeds (protocol §1).
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
