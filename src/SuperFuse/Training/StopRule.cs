namespace SuperFuse.Training;

/// <summary>The optional early-stop rules of protocol §3.</summary>
internal sealed class StopRule(EarlyStopOptions? options)
{
    /// <summary>A reason to stop after this epoch, or null to go on.</summary>
    public StopReason? ShouldStop(IReadOnlyList<double> epochLosses, int epochsSinceBest)
    {
        if (options is null) return null;
        if (options.Patience is int patience && epochsSinceBest >= patience) return StopReason.Patience;
        if (options.LossStdThreshold is double threshold && epochLosses.Count >= options.LossWindow
            && PopulationStd(epochLosses.Skip(epochLosses.Count - options.LossWindow)) <= threshold)
        {
            return StopReason.LossPlateau;
        }
        return null;
    }

    private static double PopulationStd(IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Length);
    }
}
