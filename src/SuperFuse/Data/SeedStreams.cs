namespace SuperFuse.Data;

/// <summary>What a random stream is used for; each purpose of one seed gets its own independent stream.</summary>
public enum StreamPurpose
{
    /// <summary>The fixed train/validation/test split.</summary>
    Split = 1,

    /// <summary>A seed's permutation of the train pool (training subsets).</summary>
    Subset = 2,

    /// <summary>The per-epoch order of training rows.</summary>
    Order = 3,

    /// <summary>Initial weights.</summary>
    Init = 4,

    /// <summary>Evaluation noise draws.</summary>
    Noise = 5,

    /// <summary>A random projection (alignment).</summary>
    Projection = 6,

    /// <summary>Noise-robust training's corruption.</summary>
    Corruption = 7,
}

/// <summary>
/// Derives the seed of every random stream from a user seed and its purpose through SplitMix64's mixing function
/// (Steele, Lea and Flood 2014). .NET's seeded <see cref="Random"/> is a subtractive generator whose first draws for
/// consecutive seeds are linearly related; mixed seeds make the streams of seeds 1, 2, 3, … (and of one seed's purposes)
/// independent, while the same seed still gives the same stream.
/// </summary>
public static class SeedStreams
{
    /// <summary>A non-negative 31-bit seed for <paramref name="purpose"/>'s stream number <paramref name="index"/> of <paramref name="seed"/>.</summary>
    public static int Derive(int seed, StreamPurpose purpose, int index = 0)
    {
        ulong z = Mix((ulong)(uint)seed);
        z = Mix(z + (ulong)purpose);
        z = Mix(z + (ulong)(uint)index);
        return (int)(z >> 33);
    }

    /// <summary>SplitMix64's finaliser of state + γ.</summary>
    internal static ulong Mix(ulong state)
    {
        ulong z = state + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
