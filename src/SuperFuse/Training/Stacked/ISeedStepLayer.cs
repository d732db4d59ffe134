namespace SuperFuse.Training.Stacked;

/// <summary>A first layer whose seeds can take their training steps independently of each other.</summary>
internal interface ISeedStepLayer
{
    /// <summary>
    /// One training step of seed <paramref name="seed"/> alone, on this thread, for the first <paramref name="batch"/>
    /// entries of <paramref name="rows"/> (data rows whose classes are <paramref name="labels"/>[row]): writes only that
    /// seed's gradients in <paramref name="weights"/> and returns its mean loss, with the bits
    /// <see cref="IFirstLayer.Step"/> gives that seed.
    /// </summary>
    double StepSeed(StackedWeights weights, int seed, long[] rows, int batch, long[] labels);
}
