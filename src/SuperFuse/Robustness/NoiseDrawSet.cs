namespace SuperFuse.Robustness;

/// <summary>
/// The <see cref="NoiseOptions.Draws"/> independent noise realisations of a study, each shared by every model, and the
/// sweep over all of them (the points of realisation d carry <see cref="NoisePoint.Draw"/> = d).
/// </summary>
public sealed class NoiseDrawSet : IDisposable
{
    private NoiseDrawSet(IReadOnlyList<NoiseDraws> draws) => Draws = draws;

    /// <summary>The realisations, in draw order.</summary>
    public IReadOnlyList<NoiseDraws> Draws { get; }

    /// <summary>Draws <paramref name="options"/>' realisations for <paramref name="testRows"/> rows.</summary>
    public static NoiseDrawSet Create(int testRows, ModalityStats text, ModalityStats image, NoiseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new NoiseDrawSet(Enumerable.Range(0, options.Draws)
            .Select(d => NoiseDraws.Create(testRows, text, image, options.Seed, d)).ToList());
    }

    /// <summary>Each model's sweep under every realisation: <paramref name="sweep"/> gives the points of one realisation per model.</summary>
    public IReadOnlyList<NoisePoint>[] SweepAll(Func<NoiseDraws, IReadOnlyList<NoisePoint>[]> sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        List<NoisePoint>[]? all = null;
        for (int d = 0; d < Draws.Count; d++)
        {
            var points = sweep(Draws[d]);
            all ??= points.Select(_ => new List<NoisePoint>()).ToArray();
            for (int k = 0; k < points.Length; k++) all[k].AddRange(points[k].Select(p => p with { Draw = d }));
        }
        return all ?? [];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var draw in Draws) draw.Dispose();
    }
}
