namespace SuperFuse.Data;

/// <summary>The fixed parts of the built-in generator: means, spectra, sentiment directions, cross-modal pairing.</summary>
internal sealed class BuiltinLayout
{
    private readonly BuiltinOptions options;
    private readonly double[] textMean, imageMean, textStd, imageStd, textSentiment, imageSentiment;
    private readonly int[] imagePairing;
    private readonly double[][] textAxes, imageAxes;

    public BuiltinLayout(BuiltinOptions options)
    {
        this.options = options;
        var rng = new SeededGaussian(options.Seed);
        textStd = Spectrum(options.TextDim, options.SpectrumDecay);
        imageStd = Spectrum(options.ImageDim, options.SpectrumDecay);
        // Non-zero means, as CLIP's; kept small on the high-variance dims so T·I stays balanced around 0.
        textMean = Mean(rng, textStd);
        imageMean = Orthogonal(Mean(rng, imageStd), textMean);
        textSentiment = rng.UnitVector(options.TextDim);
        imageSentiment = rng.UnitVector(options.ImageDim);
        imagePairing = Permutation(options.ImageDim, options.Seed);
        textAxes = Orthonormal(rng, Math.Min(options.SharedAxes, options.TextDim), options.TextDim);
        // Equal dims share the very same axes, as in an aligned embedding space such as CLIP's.
        imageAxes = options.ImageDim == options.TextDim ? textAxes : Orthonormal(rng, Math.Min(options.SharedAxes, options.ImageDim), options.ImageDim);
    }

    public void FillText(Span<float> row, double s, double[] common, SeededGaussian rng)
    {
        Fill(row, s, i => common[i], textMean, textStd, textSentiment, options.TextSignal, textAxes.Length, rng);
        AddAxes(row, textAxes, rng);
    }

    public void FillImage(Span<float> row, double s, double[] common, SeededGaussian rng)
    {
        Fill(row, s, i => common[imagePairing[i]], imageMean, imageStd, imageSentiment, options.ImageSignal, imageAxes.Length, rng);
        AddAxes(row, imageAxes, rng);
    }

    private double AxisStd(int k) => options.AxisStrength * Math.Pow(0.95, k);

    private double AxisVariance(int axes) => Enumerable.Range(0, axes).Sum(k => AxisStd(k) * AxisStd(k));

    private void AddAxes(Span<float> row, double[][] axes, SeededGaussian rng)
    {
        for (int k = 0; k < axes.Length; k++)
        {
            double g = AxisStd(k) * rng.Next();
            for (int j = 0; j < row.Length; j++) row[j] += (float)(g * axes[k][j]);
        }
    }

    private static double[][] Orthonormal(SeededGaussian rng, int count, int dim)
    {
        var axes = new double[count][];
        for (int k = 0; k < count; k++)
        {
            var v = rng.Vector(dim);
            for (int p = 0; p < k; p++) v = Orthogonal(v, axes[p]);
            double norm = Math.Sqrt(v.Sum(x => x * x));
            axes[k] = v.Select(x => x / norm).ToArray();
        }
        return axes;
    }

    private void Fill(Span<float> row, double s, Func<int, double> common, double[] mean, double[] std,
        double[] direction, double signal, int axes, SeededGaussian rng)
    {
        double rho = options.CrossCorrelation;
        double own = Math.Sqrt(1 - (rho * rho));
        // In units of the typical per-dim std along a random direction, shared axes included.
        double scale = signal * Math.Sqrt((RootMeanSquare(std) * RootMeanSquare(std)) + (AxisVariance(axes) / row.Length));
        for (int j = 0; j < row.Length; j++)
        {
            double z = (own * rng.Next()) + (rho * common(j));
            row[j] = (float)(mean[j] + (std[j] * z) + (scale * s * direction[j]));
        }
    }

    private static double[] Spectrum(int dim, double decay) =>
        Enumerable.Range(0, dim).Select(j => 0.02 + (0.5 * Math.Pow(j + 1, -decay))).ToArray();

    private static double[] Mean(SeededGaussian rng, double[] std) =>
        std.Select(s => 0.2 * rng.Next()).ToArray();

    /// <summary>Removes <paramref name="v"/>'s component along <paramref name="u"/> (over their common dims), so μ_t·μ_i = 0.</summary>
    private static double[] Orthogonal(double[] v, double[] u)
    {
        int n = Math.Min(v.Length, u.Length);
        double dot = 0, norm = 0;
        for (int j = 0; j < n; j++) { dot += v[j] * u[j]; norm += u[j] * u[j]; }
        for (int j = 0; j < n; j++) v[j] -= dot / norm * u[j];
        return v;
    }

    private static double RootMeanSquare(double[] v) => Math.Sqrt(v.Sum(x => x * x) / v.Length);

    private static int[] Permutation(int n, int seed)
    {
        var p = Enumerable.Range(0, n).ToArray();
        new Random(seed + 7).Shuffle(p);
        return p;
    }
}
