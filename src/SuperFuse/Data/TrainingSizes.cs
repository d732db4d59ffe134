namespace SuperFuse.Data;

/// <summary>The training-size ladder of protocol §1.</summary>
public static class TrainingSizes
{
    /// <summary>32, 64, 128, … doubling while below <paramref name="poolSize"/>, then the full pool.</summary>
    public static IReadOnlyList<int> Ladder(int poolSize, int start = 32)
    {
        var sizes = new List<int>();
        for (long n = start; n < poolSize; n *= 2) sizes.Add((int)n);
        sizes.Add(poolSize);
        return sizes;
    }
}
