using SuperFuse.Training.Stacked;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Support;

/// <summary>The fixed inputs the stacked-trainer tests share: labels, seed subsets, shuffles and starting weights.</summary>
internal static class StackedCase
{
    /// <summary>Class r·7 mod C of each of <paramref name="rows"/> data rows.</summary>
    public static long[] Labels(int rows, int classes) => Enumerable.Range(0, rows).Select(r => (long)(r * 7 % classes)).ToArray();

    /// <summary><paramref name="seeds"/> seeds, each with its own subset of <paramref name="perSeed"/> of the rows.</summary>
    public static List<SeedJob> Jobs(int seeds, int perSeed, int rows) =>
        Enumerable.Range(0, seeds).Select(s => new SeedJob(Enumerable.Range(0, perSeed).Select(i => (i * (s + 2) + s) % rows).ToArray(), s)).ToList();

    /// <summary>A shuffle of 0 … <paramref name="count"/> − 1 drawn with <paramref name="seed"/>.</summary>
    public static long[] Order(int count, int seed)
    {
        long[] p = Enumerable.Range(0, count).Select(i => (long)i).ToArray();
        new Random(seed).Shuffle(p);
        return p;
    }

    /// <summary>Stacked weights drawn from N(0, 0.3²) with generator seed 9.</summary>
    public static StackedWeights Weights(int seeds, long d, int hidden, int classes)
    {
        var w = new StackedWeights(seeds, d, hidden, classes);
        using var noGrad = no_grad();
        using var init = randn(w.Values.shape, generator: new Generator(9));
        w.Values.copy_(init).mul_(0.3);
        return w;
    }
}
