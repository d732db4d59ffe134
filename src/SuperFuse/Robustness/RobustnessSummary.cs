namespace SuperFuse.Robustness;

/// <summary>The protocol §5 robustness summaries of one accuracy-vs-α curve.</summary>
/// <param name="Area">Trapezoid area under accuracy vs α divided by the α span.</param>
/// <param name="DropAt01">Clean accuracy minus accuracy at α = 0.1 (NaN if 0.1 is not on the grid).</param>
/// <param name="RetentionAt01">Accuracy at α = 0.1 divided by clean accuracy.</param>
/// <param name="Alpha50">
/// α where accuracy first falls halfway from clean to the majority rate (the accuracy of a model that ignores its
/// input; linear interpolation); NaN if it never does or clean accuracy is not above that rate.
/// </param>
public sealed record RobustnessSummary(double Area, double DropAt01, double RetentionAt01, double Alpha50)
{
    /// <summary>Summaries of a curve sorted by α, starting at α = 0, against the test split's majority rate.</summary>
    public static RobustnessSummary Of(IReadOnlyList<double> alphas, IReadOnlyList<double> accuracy, double majority)
    {
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(accuracy);
        double clean = accuracy[0];
        int at01 = IndexOf(alphas, 0.1);
        double drop = at01 >= 0 ? clean - accuracy[at01] : double.NaN;
        double retention = at01 >= 0 && clean > 0 ? accuracy[at01] / clean : double.NaN;
        return new RobustnessSummary(NormalisedArea(alphas, accuracy), drop, retention, HalfwayToBaseline(alphas, accuracy, majority));
    }

    /// <summary>Σ_k[(a_k − a_0) − (b_k − b_0)] over the grid: MultiBench's effective robustness of a against baseline b.</summary>
    public static double EffectiveRobustness(IReadOnlyList<double> model, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baseline);
        double total = 0;
        for (int k = 0; k < model.Count; k++) total += (model[k] - model[0]) - (baseline[k] - baseline[0]);
        return total;
    }

    private static double NormalisedArea(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 2) return y[0];
        double area = 0;
        for (int k = 1; k < x.Count; k++) area += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2;
        return area / (x[^1] - x[0]);
    }

    private static double HalfwayToBaseline(IReadOnlyList<double> x, IReadOnlyList<double> y, double baseline)
    {
        double target = (y[0] + baseline) / 2;
        if (y[0] <= baseline) return double.NaN;
        for (int k = 1; k < x.Count; k++)
        {
            if (y[k] > target) continue;
            double t = (y[k - 1] - target) / (y[k - 1] - y[k]);
            return x[k - 1] + (t * (x[k] - x[k - 1]));
        }
        return double.NaN;
    }

    private static int IndexOf(IReadOnlyList<double> alphas, double value)
    {
        for (int k = 0; k < alphas.Count; k++) if (Math.Abs(alphas[k] - value) < 1e-9) return k;
        return -1;
    }
}
