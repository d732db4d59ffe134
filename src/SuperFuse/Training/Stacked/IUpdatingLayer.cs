namespace SuperFuse.Training.Stacked;

/// <summary>
/// A first layer that applies AdamW's update itself, part by part as each part's gradient is written, so that a large
/// gradient is read back from cache instead of memory, and that may start on the next step's rows.
/// </summary>
internal interface IUpdatingLayer : IFirstLayer
{
    /// <summary>
    /// <see cref="IFirstLayer.Step"/> followed by <paramref name="optimizer"/>'s next update of every weight, with the same
    /// bits as the two one after the other. <paramref name="next"/> holds the next call's rows, if known (else it is
    /// empty); that call must follow with no other change to the weights.
    /// </summary>
    double[] StepAndUpdate(StackedWeights weights, long[] rows, int batch, long[] labels, FlatAdamW optimizer, ReadOnlySpan<long> next);
}
